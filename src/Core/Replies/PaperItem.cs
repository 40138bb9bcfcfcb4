using CourseBot.Core.ReadingList;

namespace CourseBot.Core.Replies;

/// <summary>One paper as a reply lists it.</summary>
/// <param name="Where">Where the paper sits in the course, e.g. "Week 4 · Efficient LLM Serving" (for lookups).</param>
public sealed record PaperItem(Paper Paper, Requirement Requirement, string? Note, bool IsResolved, string? Where = null)
{
    public static PaperItem From(Reading reading, string? where = null) =>
        new(reading.Paper, reading.Requirement, reading.Note, reading.IsResolved, where);

    /// <summary>What to call the paper: its title, else its key and why there is no title.</summary>
    public string DisplayTitle => Paper.Title switch
    {
        { } title => title,
        null when Paper.Key.Length == 0 => "(untitled entry)",
        null when IsResolved => $"{Paper.Key} (no title given)",
        null => $"{Paper.Key} (missing from the papers file)",
    };
}
