using CourseBot.Core.Commands;
using CourseBot.Core.Search;

namespace CourseBot.Core.Questions;

/// <summary>
/// How a plain question was understood: what it asks (<see cref="Kind"/>), about which week, day or
/// paper, and <see cref="ReadAs"/>, the short form shown to the student ("/required week 4").
/// </summary>
public sealed record QuestionReading(QuestionKind Kind, string ReadAs)
{
    /// <summary>The week asked about (week papers, topic, deadlines of a week).</summary>
    public WeekAnswer? Week { get; init; }

    public PaperScope Scope { get; init; }

    /// <summary>The paper asked about.</summary>
    public PaperMatch? Paper { get; init; }

    /// <summary>The day asked about ("tomorrow", "Thursday", "Sep 11"), in the course's time zone.</summary>
    public DateOnly? Day { get; init; }

    /// <summary>For <see cref="QuestionKind.AskBack"/>: what the student may have meant.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>For <see cref="QuestionKind.Command"/>: the command the line spells.</summary>
    public CourseCommand? Command { get; init; }

    /// <summary>What the question named that the reading list does not have.</summary>
    public string? Unmatched { get; init; }
}
