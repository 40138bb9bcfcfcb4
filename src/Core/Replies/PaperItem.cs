using CourseBot.Core.ReadingList;

namespace CourseBot.Core.Replies;

/// <summary>One paper as a reply lists it.</summary>
/// <param name="Where">Where the paper sits in the course, e.g. "Week 4 · Efficient LLM Serving" (for lookups).</param>
public sealed record PaperItem(Paper Paper, Requirement Requirement, string? Note, bool IsResolved, string? Where = null)
{
    public static PaperItem From(Reading reading, string? where = null) =>
        new(reading.Paper, reading.Requirement, reading.Note, reading.IsResolved, where);

    /// <summary>What to call the paper: its title, or its key when the papers file lacks it.</summary>
    public string DisplayTitle => Paper.Title ?? (Paper.Key.Length > 0 ? $"{Paper.Key} (missing from the papers file)" : "(untitled entry)");
}
