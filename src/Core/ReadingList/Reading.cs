namespace CourseBot.Core.ReadingList;

/// <summary>
/// One entry of the reading list as the site shows it under a topic.
/// </summary>
/// <param name="Key">The include's paper key as written (null for an inline <c>&lt;li&gt;</c> entry).</param>
/// <param name="Paper">The paper shown. For a key the papers file lacks this holds only the key.</param>
/// <param name="IsResolved">False when the key is missing from the papers file (the site shows an empty item).</param>
/// <param name="Requirement">Required or optional, with the focus label if any.</param>
/// <param name="Focus">
/// The focus group this reading belongs to: a labelled required paper's own label, or for an optional
/// paper the label of the labelled required paper before it in the same topic (null when none).
/// </param>
/// <param name="Note">Extra text an inline entry carries after its title, e.g. "(Sections 2, 3.3, and 4.1)".</param>
/// <param name="Location">Where the entry is written in the reading list.</param>
public sealed record Reading(
    string? Key,
    Paper Paper,
    bool IsResolved,
    Requirement Requirement,
    string? Focus,
    string? Note,
    SourceLocation Location)
{
    public string? Title => Paper.Title;

    public bool IsRequired => Requirement.IsRequired;
}
