using System.Text;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Discord;

/// <summary>
/// Renders a reply as Discord messages of embeds: the title and text first, then each group of papers
/// as fields. Long replies are split across fields, embeds and messages so every limit holds and no
/// paper is dropped; only a single paper's author list may be shortened to "First Author et al.".
/// </summary>
public static class DiscordReplyRenderer
{
    private const string Continued = " (cont.)";

    /// <param name="reserved">Characters of <see cref="DiscordLimits.EmbedTotal"/> each message leaves free (for a footer added after).</param>
    public static IReadOnlyList<DiscordMessage> Render(Reply reply, int reserved = 0)
    {
        var fields = new List<DiscordEmbedField>();
        foreach (var block in reply.Blocks)
        {
            switch (block)
            {
                case ReplyBlock.Papers papers:
                    fields.AddRange(Pack(papers.Heading, papers.Items.Select(Item)));
                    break;
                case ReplyBlock.Schedule schedule:
                    fields.AddRange(Pack("Schedule", schedule.Rows.Select(Row)));
                    break;
            }
        }

        var description = string.Join("\n", reply.Blocks.OfType<ReplyBlock.Paragraph>().Select(p => DiscordMarkdown.Line(p.Spans)));
        return Assemble(Clip(reply.Title, DiscordLimits.EmbedTitle), Chunks(description, DiscordLimits.EmbedDescription), fields, DiscordLimits.EmbedTotal - reserved);
    }

    /// <summary>One paper: ★ for required, the title linked, the badge, then authors and venue, then where it sits.</summary>
    private static string Item(PaperItem item) => Item(item, item.Paper.Authors);

    private static string Item(PaperItem item, string? authors)
    {
        var line = $"{(item.Requirement.IsRequired ? "★" : "•")} **{DiscordMarkdown.Link(item.DisplayTitle, item.Paper.Url)}**";
        if (item.Note is not null)
        {
            line += " " + DiscordMarkdown.Escape(item.Note);
        }

        if (item.Requirement.Badge is { } badge)
        {
            line += " " + DiscordMarkdown.Escape(badge);
        }

        var byline = string.Join(" · ", new[] { authors, item.Paper.Venue }.OfType<string>());
        if (byline.Length > 0)
        {
            line += "\n" + DiscordMarkdown.Escape(byline);
        }

        if (item.Where is not null)
        {
            line += "\n*" + DiscordMarkdown.Escape(item.Where) + "*";
        }

        if (line.Length > DiscordLimits.FieldValue && authors is not null && authors.Contains(','))
        {
            return Item(item, authors[..authors.IndexOf(',')] + " et al.");
        }

        return Clip(line, DiscordLimits.FieldValue);
    }

    private static string Row(ScheduleRow row) =>
        $"{(row.IsCurrent ? "→ " : "")}**{DiscordMarkdown.Escape(row.Label)}** {PlainTextRenderer.FormatDates(row.Start, row.End)} · {DiscordMarkdown.Escape(row.Title)}";

    /// <summary>Lines into fields of at most <see cref="DiscordLimits.FieldValue"/> characters, named "Heading", "Heading (cont.)".</summary>
    private static IEnumerable<DiscordEmbedField> Pack(string heading, IEnumerable<string> lines)
    {
        var name = Clip(heading, DiscordLimits.FieldName - Continued.Length);
        var value = new StringBuilder(DiscordLimits.FieldValue);
        var first = true;
        foreach (var line in lines)
        {
            if (value.Length > 0 && value.Length + 1 + line.Length > DiscordLimits.FieldValue)
            {
                yield return new DiscordEmbedField(first ? name : name + Continued, value.ToString());
                first = false;
                value.Clear();
            }

            (value.Length == 0 ? value : value.Append('\n')).Append(line);
        }

        if (value.Length > 0)
        {
            yield return new DiscordEmbedField(first ? name : name + Continued, value.ToString());
        }
    }

    private static IReadOnlyList<DiscordMessage> Assemble(string title, IReadOnlyList<string> descriptions, List<DiscordEmbedField> fields, int budget)
    {
        var messages = new List<DiscordMessage>();
        var embeds = new List<DiscordEmbed>();
        var total = 0;

        void Add(DiscordEmbed embed)
        {
            if (embeds.Count == DiscordLimits.EmbedsPerMessage || total + embed.Length > budget)
            {
                messages.Add(new DiscordMessage(embeds.ToArray()));
                embeds.Clear();
                total = 0;
            }

            embeds.Add(embed);
            total += embed.Length;
        }

        for (var i = 0; i < descriptions.Count; i++)
        {
            Add(new DiscordEmbed(i == 0 ? title : null, descriptions[i].Length == 0 ? null : descriptions[i], []));
        }

        var current = new List<DiscordEmbedField>();
        var currentLength = 0;
        foreach (var field in fields)
        {
            var length = field.Name.Length + field.Value.Length;
            var lastEmbed = embeds.Count > 0 ? embeds[^1] : null;

            // Fields go into the last embed while it and its message have room; else a new embed.
            if (current.Count == 0 && lastEmbed is not null && lastEmbed.Fields.Count < DiscordLimits.FieldsPerEmbed && total + length <= budget)
            {
                embeds[^1] = lastEmbed with { Fields = [.. lastEmbed.Fields, field] };
                total += length;
                continue;
            }

            if (current.Count == DiscordLimits.FieldsPerEmbed || (current.Count > 0 && total + currentLength + length > budget))
            {
                Add(new DiscordEmbed(null, null, current.ToArray()));
                current.Clear();
                currentLength = 0;
            }

            current.Add(field);
            currentLength += length;
        }

        if (current.Count > 0)
        {
            Add(new DiscordEmbed(null, null, current.ToArray()));
        }

        if (embeds.Count > 0)
        {
            messages.Add(new DiscordMessage(embeds.ToArray()));
        }

        return messages;
    }

    private static IReadOnlyList<string> Chunks(string text, int size)
    {
        if (text.Length <= size)
        {
            return [text];
        }

        var chunks = new List<string>();
        var chunk = "";
        foreach (var line in text.Split('\n'))
        {
            if (chunk.Length > 0 && chunk.Length + 1 + line.Length > size)
            {
                chunks.Add(chunk);
                chunk = "";
            }

            chunk = chunk.Length == 0 ? Clip(line, size) : chunk + "\n" + line;
        }

        chunks.Add(chunk);
        return chunks;
    }

    /// <summary>Shortens with an ellipsis; used only for a single title or line longer than a whole Discord field.</summary>
    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
