namespace CourseBot.Core.Replies;

/// <summary>A block of a reply; renderers map each kind to the platform's own structure.</summary>
public abstract record ReplyBlock
{
    private protected ReplyBlock()
    {
    }

    /// <summary>A line of text.</summary>
    public sealed record Paragraph(IReadOnlyList<Span> Spans) : ReplyBlock
    {
        public Paragraph(params Span[] spans)
            : this((IReadOnlyList<Span>)spans)
        {
        }
    }

    /// <summary>Papers under a heading such as "Required" or "Optional · Context Parallelism".</summary>
    public sealed record Papers(string Heading, IReadOnlyList<PaperItem> Items) : ReplyBlock;

    /// <summary>The term at a glance.</summary>
    public sealed record Schedule(IReadOnlyList<ScheduleRow> Rows) : ReplyBlock;

    /// <summary>
    /// Buttons and menus, in order. Platforms show them below the reply's text; a click is answered privately.
    /// </summary>
    public sealed record Actions(IReadOnlyList<ReplyAction> Items) : ReplyBlock
    {
        public Actions(params ReplyAction[] items)
            : this((IReadOnlyList<ReplyAction>)items)
        {
        }
    }
}
