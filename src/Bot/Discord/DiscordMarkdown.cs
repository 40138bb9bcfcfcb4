using System.Buffers;
using System.Globalization;
using System.Text;
using CourseBot.Bot.Rendering;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Discord;

/// <summary>Discord's markdown: escaped text, masked links, and timestamps each reader sees in their own zone.</summary>
public sealed class DiscordMarkdown : ReplyMarkup
{
    private static readonly SearchValues<char> Special = SearchValues.Create("\\*_~`|>[]@");

    private DiscordMarkdown()
    {
    }

    public static DiscordMarkdown Instance { get; } = new();

    /// <summary>Markdown characters escaped, and no mention can form.</summary>
    public override string Escape(string text)
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

    public override string Bold(string markup) => $"**{markup}**";

    public override string Italic(string markup) => $"*{markup}*";

    /// <summary>A masked link; a URL's closing parenthesis is percent-encoded so it cannot end the link early.</summary>
    public override string Link(string label, string? url) =>
        url is null ? Escape(label) : $"[{Escape(label)}]({url.Replace(")", "%29", StringComparison.Ordinal).Replace(" ", "%20", StringComparison.Ordinal)})";

    /// <summary><c>&lt;t:UNIX:f&gt;</c> (date and time) or <c>&lt;t:UNIX:D&gt;</c> (date): Discord needs no zone.</summary>
    public override string Timestamp(Span.Moment moment, TimeZoneInfo zone) =>
        $"<t:{moment.At.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}:{(moment.Style == MomentStyle.Date ? "D" : "f")}>";
}
