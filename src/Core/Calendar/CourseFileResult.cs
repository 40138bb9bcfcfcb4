using CourseBot.Core.ReadingList;

namespace CourseBot.Core.Calendar;

/// <summary>The courses a folder (or file) defines, and every problem found in the course files.</summary>
public sealed record CourseFileResult(IReadOnlyList<CourseDefinition> Courses, IReadOnlyList<Diagnostic> Diagnostics);
