using CourseBot.Core.Replies;

namespace CourseBot.Bot.Rendering;

/// <summary>
/// A chat platform's inline markup dialect: the few constructs <see cref="ReplyLines"/> writes a reply's
/// lines with. Each platform escapes and spells them its own way; the lines themselves are the same.
/// </summary>
public abstract class ReplyMarkup
{
    /// <summary>Text shown literally: nothing in it can become markup, a link or a mention.</summary>
    public abstract string Escape(string text);

    /// <summary>Markup (already escaped) shown in bold.</summary>
    public abstract string Bold(string markup);

    /// <summary>Markup (already escaped) shown in italics.</summary>
    public abstract string Italic(string markup);

    /// <summary>A link labelled <paramref name="label"/>; just the escaped label when there is no URL.</summary>
    public abstract string Link(string label, string? url);

    /// <summary>A moment each reader sees in their own time zone; <paramref name="zone"/> (the course's) for any fallback text.</summary>
    public abstract string Timestamp(Span.Moment moment, TimeZoneInfo zone);
}
