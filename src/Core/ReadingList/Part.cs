namespace CourseBot.Core.ReadingList;

/// <summary>A part of the course (<c>## Part 3 - GenAI for Systems</c>).</summary>
/// <param name="Heading">The heading text as written.</param>
/// <param name="Number">The part's number when the heading reads "Part N - Name".</param>
/// <param name="Name">The name after "Part N - ", or the whole heading.</param>
public sealed record Part(string Heading, int? Number, string Name, SourceLocation Location);
