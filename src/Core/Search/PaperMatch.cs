using CourseBot.Core.ReadingList;

namespace CourseBot.Core.Search;

/// <summary>A paper found by a query, how well it matched, and where it sits on the reading list.</summary>
public sealed record PaperMatch(Paper Paper, double Score, IReadOnlyList<Reading> Readings);
