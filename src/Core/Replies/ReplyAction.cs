namespace CourseBot.Core.Replies;

/// <summary>
/// Something a reader can click: it runs a command exactly as if they had typed it. <c>Command</c> is
/// command text ("/lead-menu 2025-09-08", "/reading week 3"): a click is parsed by <c>CommandParser</c> and
/// answered, privately, like the typed command, so there is one path for typed and clicked commands.
/// Platforms carry the text in their own ids and values (Discord's <c>custom_id</c>, Slack's <c>value</c>).
/// </summary>
public abstract record ReplyAction
{
    private protected ReplyAction()
    {
    }

    /// <summary>A button labelled <paramref name="Label"/> that runs <paramref name="Command"/>.</summary>
    public sealed record Button(string Label, string Command) : ReplyAction;

    /// <summary>A menu of <paramref name="Options"/>; choosing one runs its command.</summary>
    /// <param name="Placeholder">What the closed menu shows ("Choose a paper").</param>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716", Justification = "The name the leads contract gives; CourseBot has no Visual Basic callers.")]
    public sealed record Select(string Placeholder, IReadOnlyList<ReplyOption> Options) : ReplyAction;
}
