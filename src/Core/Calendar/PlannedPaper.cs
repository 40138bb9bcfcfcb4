using CourseBot.Core.ReadingList;

namespace CourseBot.Core.Calendar;

/// <summary>A paper key as a plan's <c>classes:</c> list names it, and where.</summary>
public sealed record PlannedPaper(string Key, SourceLocation Location);
