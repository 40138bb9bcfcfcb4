using CourseBot.Core.ReadingList;

namespace CourseBot.Core.Calendar;

/// <summary>
/// One class of a plan entry's <c>classes:</c> list: the paper keys that meeting discusses, each with
/// where it is written, so a wrong key is reported at its own line and column.
/// </summary>
public sealed record PlannedClass(IReadOnlyList<PlannedPaper> Papers, SourceLocation Location);
