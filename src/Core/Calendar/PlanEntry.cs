using CourseBot.Core.ReadingList;

namespace CourseBot.Core.Calendar;

/// <summary>
/// One line of an explicit plan: a topic (by name), chosen papers (by key), or a titled week without
/// readings; it covers <paramref name="Weeks"/> teaching weeks, optionally starting at week <paramref name="StartWeek"/>.
/// </summary>
public sealed record PlanEntry(string? Topic, IReadOnlyList<string> Papers, string? Title, int Weeks, int? StartWeek, SourceLocation Location)
{
    /// <summary>
    /// Which of the entry's papers each class meeting of the week discusses, in meeting order (<c>classes:</c>);
    /// null to split the week's readings evenly over its meetings.
    /// </summary>
    public IReadOnlyList<PlannedClass>? Classes { get; init; }
}
