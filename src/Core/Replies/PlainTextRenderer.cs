using System.Globalization;
using System.Text;

namespace CourseBot.Core.Replies;

/// <summary>Renders a reply as plain text for the console and the command line; times in the course's zone.</summary>
public static class PlainTextRenderer
{
    public static string Render(Reply reply)
    {
        var text = new StringBuilder();
        text.Append(reply.Title).Append('\n');
        foreach (var block in reply.Blocks)
        {
            switch (block)
            {
                case ReplyBlock.Paragraph paragraph:
                    text.Append(Line(paragraph.Spans, reply.TimeZone)).Append('\n');
                    break;
                case ReplyBlock.Papers papers:
                    text.Append('\n').Append(papers.Heading).Append('\n');
                    foreach (var item in papers.Items)
                    {
                        AppendPaper(text, item);
                    }

                    break;
                case ReplyBlock.Schedule schedule:
                    AppendSchedule(text, schedule);
                    break;
                case ReplyBlock.Actions actions:
                    AppendActions(text, actions);
                    break;
            }
        }

        return text.ToString();
    }

    public static string Line(IEnumerable<Span> spans, TimeZoneInfo zone)
    {
        var line = new StringBuilder();
        foreach (var span in spans)
        {
            line.Append(span switch
            {
                Span.Text t => t.Value,
                Span.Link l => $"{l.Label} <{l.Url}>",
                Span.Moment m => FormatMoment(m, zone),
                _ => "",
            });
        }

        return line.ToString();
    }

    public static string FormatMoment(Span.Moment moment, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(moment.At, zone);
        return moment.Style == MomentStyle.Date
            ? local.ToString("ddd MMM d", CultureInfo.InvariantCulture)
            : local.ToString("ddd MMM d, HH:mm", CultureInfo.InvariantCulture);
    }

    public static string FormatDates(DateOnly start, DateOnly end) =>
        start.Month == end.Month
            ? $"{start.ToString("MMM d", CultureInfo.InvariantCulture)}–{end.Day}"
            : $"{start.ToString("MMM d", CultureInfo.InvariantCulture)} – {end.ToString("MMM d", CultureInfo.InvariantCulture)}";

    private static void AppendPaper(StringBuilder text, PaperItem item)
    {
        var badge = item.Requirement.Badge;
        text.Append(item.Requirement.IsRequired ? "  ★ " : "  • ").Append(item.DisplayTitle);
        if (item.Note is not null)
        {
            text.Append(' ').Append(item.Note);
        }

        if (badge is not null)
        {
            text.Append(' ').Append(badge);
        }

        text.Append('\n');
        var byline = string.Join(" · ", new[] { item.Paper.Authors, item.Paper.Venue }.Where(s => s is not null));
        if (byline.Length > 0)
        {
            text.Append("    ").Append(byline).Append('\n');
        }

        if (item.Paper.Url is not null)
        {
            text.Append("    ").Append(item.Paper.Url).Append('\n');
        }

        if (item.Where is not null)
        {
            text.Append("    ").Append(item.Where).Append('\n');
        }
    }

    private static void AppendSchedule(StringBuilder text, ReplyBlock.Schedule schedule)
    {
        var labelWidth = schedule.Rows.Count == 0 ? 0 : schedule.Rows.Max(r => r.Label.Length);
        foreach (var row in schedule.Rows)
        {
            text.Append(row.IsCurrent ? "→ " : "  ")
                .Append(row.Label.PadRight(labelWidth))
                .Append("  ")
                .Append(FormatDates(row.Start, row.End).PadRight(15))
                .Append("  ")
                .Append(row.Title)
                .Append('\n');
        }
    }

    /// <summary>
    /// "[Lead a paper] → /lead-menu 2025-09-08"; a menu as its placeholder and numbered options, each with
    /// the command choosing it runs, so a console user can type it.
    /// </summary>
    private static void AppendActions(StringBuilder text, ReplyBlock.Actions actions)
    {
        text.Append('\n');
        foreach (var action in actions.Items)
        {
            switch (action)
            {
                case ReplyAction.Button button:
                    text.Append('[').Append(button.Label).Append("] → ").Append(button.Command).Append('\n');
                    break;
                case ReplyAction.Select select:
                    text.Append(select.Placeholder).Append(":\n");
                    for (var i = 0; i < select.Options.Count; i++)
                    {
                        var option = select.Options[i];
                        text.Append("  ").Append(i + 1).Append(". ").Append(option.Label);
                        if (option.Description is not null)
                        {
                            text.Append(" · ").Append(option.Description);
                        }

                        text.Append(" → ").Append(option.Command).Append('\n');
                    }

                    break;
            }
        }
    }
}
