using System.Globalization;
using CourseBot.Bot.Rendering;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Slack;

/// <summary>Slack's mrkdwn: the three escaped characters, links, and dates each reader sees in their own zone.</summary>
public sealed class SlackMrkdwn : ReplyMarkup
{
    private SlackMrkdwn()
    {
    }

    public static SlackMrkdwn Instance { get; } = new();

    /// <summary>Escapes &amp;, &lt; and &gt; (all Slack asks), so no text can form a link or a mention.</summary>
    public override string Escape(string text) =>
        text.AsSpan().IndexOfAny('&', '<', '>') < 0
            ? text
            : text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    public override string Bold(string markup) => $"*{markup}*";

    public override string Italic(string markup) => $"_{markup}_";

    /// <summary><c>&lt;url|label&gt;</c>; a '|' or '&gt;' in the URL is percent-encoded so it cannot end the link.</summary>
    public override string Link(string label, string? url) => url is null
        ? Escape(label)
        : $"<{url.Replace("|", "%7C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal).Replace(" ", "%20", StringComparison.Ordinal)}|{Escape(label).Replace("|", "¦", StringComparison.Ordinal)}>";

    /// <summary><c>&lt;!date^unix^{token}|fallback&gt;</c>: Slack shows it in the reader's time zone, the course's where it cannot.</summary>
    public override string Timestamp(Span.Moment moment, TimeZoneInfo zone)
    {
        var format = moment.Style == MomentStyle.Date ? "{date_short_pretty}" : "{date_short_pretty} {time}";
        return $"<!date^{moment.At.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}^{format}|{PlainTextRenderer.FormatMoment(moment, zone)}>";
    }
}
