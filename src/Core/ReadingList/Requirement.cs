namespace CourseBot.Core.ReadingList;

/// <summary>
/// Whether a reading is required, as the site renders it: absent/false → optional,
/// <c>true</c> → "(Required)", a string → "(Required - LABEL)". The label names the focus
/// of the week the paper is required for.
/// </summary>
public sealed record Requirement(bool IsRequired, string? Label)
{
    public static Requirement Optional { get; } = new(false, null);

    public static Requirement Required { get; } = new(true, null);

    public static Requirement Focus(string label) => new(true, label);

    /// <summary>The badge the course site shows in front of the paper, or null for optional ones.</summary>
    public string? Badge => !IsRequired ? null : Label is null ? "(Required)" : $"(Required - {Label})";
}
