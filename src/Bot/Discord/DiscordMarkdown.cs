using System.Buffers;
using System.Text;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Discord;

/// <summary>Discord's markdown: escaped text, masked links, and timestamps each reader sees in their own zone.</summary>
public static class DiscordMarkdown
{
    private static readonly SearchValues<char> Special = SearchValues.Create("\\*_~`|>[]@");

    /// <summary>Text shown literally: markdown characters escaped, and no mention can form.</summary>
    public static string Escape(string text)
    {
        // Most titles and names need nothing: return them as they are (this runs for every paper of every reply).
        if (text.AsSpan().IndexOfAny(Special) < 0 && !text.StartsWith('#') && !text.StartsWith('-'))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            // '#' and '-' only mean something at the start of a line (a heading, a list).
            if ((c != '@' && Special.Contains(c)) || (escaped.Length == 0 && c is '#' or '-'))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
            if (c == '@')
            {
                escaped.Append('\u200b');
            }
        }

        return escaped.ToString();
    }

    /// <summary>A masked link; a URL's closing parenthesis is percent-encoded so it cannot end the link early.</summary>
    public static string Link(string text, string? url) =>
        url is null ? Escape(text) : $"[{Escape(text)}]({url.Replace(")", "%29", StringComparison.Ordinal).Replace(" ", "%20", StringComparison.Ordinal)})";

    /// <summary><c>&lt;t:UNIX:f&gt;</c> (date and time) or <c>&lt;t:UNIX:D&gt;</c> (date).</summary>
    public static string Timestamp(Span.Moment moment) =>
        $"<t:{moment.At.ToUnixTimeSeconds()}:{(moment.Style == MomentStyle.Date ? "D" : "f")}>";

    public static string Line(IEnumerable<Span> spans) => string.Concat(spans.Select(span => span switch
    {
        Span.Text { Bold: true } t => $"**{Escape(t.Value)}**",
        Span.Text t => Escape(t.Value),
        Span.Link l => Link(l.Label, l.Url),
        Span.Moment m => Timestamp(m),
        _ => "",
    }));
}
