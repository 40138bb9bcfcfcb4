namespace CourseBot.Core.Replies;

/// <summary>A piece of inline text. Times stay instants so each platform can show them in the reader's zone.</summary>
public abstract record Span
{
    private protected Span()
    {
    }

    public sealed record Text(string Value, bool Bold = false) : Span;

    public sealed record Link(string Label, string Url) : Span;

    public sealed record Moment(DateTimeOffset At, MomentStyle Style) : Span;
}
