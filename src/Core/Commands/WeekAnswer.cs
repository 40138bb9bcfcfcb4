using CourseBot.Core.Calendar;

namespace CourseBot.Core.Commands;

/// <summary>The outcome of resolving a <see cref="WeekQuery"/> against the term calendar.</summary>
public abstract record WeekAnswer
{
    private protected WeekAnswer()
    {
    }

    public sealed record Found(CourseWeek Week) : WeekAnswer;

    /// <summary>The asked-for time is before the term; <paramref name="FirstWeek"/> says when it starts.</summary>
    public sealed record BeforeTerm(CourseWeek FirstWeek) : WeekAnswer;

    /// <summary>The asked-for time is after the term.</summary>
    public sealed record AfterTerm(CourseWeek LastWeek) : WeekAnswer;

    /// <summary>No such week or topic; the message says what exists instead.</summary>
    public sealed record NotFound(string Message) : WeekAnswer;
}
