using CourseBot.Core.Replies;

namespace CourseBot.Bot.Rendering;

/// <summary>
/// The lines of a reply as chat platforms show them: a paragraph, a paper, a schedule row, a heading.
/// One layout for every platform; the <see cref="ReplyMarkup"/> passed in decides how it is spelled.
/// Each platform's renderer packs these lines into its own blocks and limits.
/// </summary>
public static class ReplyLines
{
    public static string Paragraph(ReplyMarkup markup, IEnumerable<Span> spans, TimeZoneInfo zone) => string.Concat(spans.Select(span => span switch
    {
        Span.Text { Bold: true } t => markup.Bold(markup.Escape(t.Value)),
        Span.Text t => markup.Escape(t.Value),
        Span.Link l => markup.Link(l.Label, l.Url),
        Span.Moment m => markup.Timestamp(m, zone),
        _ => "",
    }));

    public static string Heading(ReplyMarkup markup, string heading) => markup.Bold(markup.Escape(heading));

    /// <summary>
    /// One paper: ★ for required (• for optional), the title linked in bold, its note and badge; then
    /// authors and venue; then where it sits in the course. A line longer than <paramref name="max"/>
    /// names only the first author ("First Author et al.") so the paper stays whole; only a line still
    /// too long is cut.
    /// </summary>
    public static string Paper(ReplyMarkup markup, PaperItem item, int max)
    {
        var line = Paper(markup, item, item.Paper.Authors);
        if (line.Length > max && item.Paper.Authors is { } authors && authors.Contains(','))
        {
            line = Paper(markup, item, authors[..authors.IndexOf(',')] + " et al.");
        }

        return Clip(line, max);
    }

    /// <summary>A week of the term: → marks the current one.</summary>
    public static string ScheduleRow(ReplyMarkup markup, ScheduleRow row) =>
        $"{(row.IsCurrent ? "→ " : "")}{markup.Bold(markup.Escape(row.Label))} {PlainTextRenderer.FormatDates(row.Start, row.End)} · {markup.Escape(row.Title)}";

    /// <summary>Shortens with an ellipsis: only for a single title or line longer than a whole block.</summary>
    public static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static string Paper(ReplyMarkup markup, PaperItem item, string? authors)
    {
        var line = $"{(item.Requirement.IsRequired ? "★" : "•")} {markup.Bold(markup.Link(item.DisplayTitle, item.Paper.Url))}";
        if (item.Note is not null)
        {
            line += " " + markup.Escape(item.Note);
        }

        if (item.Requirement.Badge is { } badge)
        {
            line += " " + markup.Escape(badge);
        }

        var byline = string.Join(" · ", new[] { authors, item.Paper.Venue }.OfType<string>());
        if (byline.Length > 0)
        {
            line += "\n" + markup.Escape(byline);
        }

        if (item.Where is not null)
        {
            line += "\n" + markup.Italic(markup.Escape(item.Where));
        }

        return line;
    }
}
