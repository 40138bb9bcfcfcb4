namespace CourseBot.Core.ReadingList;

/// <summary>
/// A paper's metadata as the course's papers file states it. Strings are the source text
/// (no typography); an empty string in the source means "none" and is stored as null.
/// </summary>
public sealed record Paper(string Key, string? Title, string? Authors, string? Venue, string? Url);
