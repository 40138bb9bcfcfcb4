namespace CourseBot.Core.Replies;

/// <summary>
/// What CourseBot says, independent of any chat platform. Adapters never build text themselves:
/// they render a Reply.
/// </summary>
/// <param name="Title">The headline ("Week 3 · LLM Post-Training for Alignment").</param>
/// <param name="TimeZone">The course's zone, for renderers that print local times.</param>
/// <param name="IsError">A reply that says the question could not be answered (unknown command, nothing found).</param>
public sealed record Reply(string Title, IReadOnlyList<ReplyBlock> Blocks, TimeZoneInfo TimeZone, bool IsError = false)
{
    public static Reply Problem(string title, string explanation, TimeZoneInfo timeZone) =>
        new(title, [new ReplyBlock.Paragraph(new Span.Text(explanation))], timeZone, IsError: true);

    /// <summary>For an answer to a plain question: how the question was read ("/required week 4"); also a line of the reply.</summary>
    public string? ReadAs { get; init; }

    /// <summary>Every paper the reply mentions, in order.</summary>
    public IEnumerable<PaperItem> PaperItems => Blocks.OfType<ReplyBlock.Papers>().SelectMany(b => b.Items);
}
