using System.Text;
using CourseBot.Bot.Discord.Rest;
using CourseBot.Bot.Rendering;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Discord;

/// <summary>
/// Renders a reply as Discord messages of embeds, in the reply's order: the title, then each run of
/// paragraphs as an embed's description and each group of papers as fields. Long replies are split
/// across fields, embeds and messages so every limit holds and no paper is dropped; only a single
/// paper's author list may be shortened to "First Author et al.". Nothing in a message can ping anyone.
/// Buttons and menus (<see cref="DiscordComponents"/>) go below the last message's embeds.
/// </summary>
public static class DiscordReplyRenderer
{
    /// <summary>CourseBot's embed colour (a calm blue), so its posts are recognisable in a busy channel.</summary>
    public const int Colour = 0x3B6EA5;

    private const string Continued = " (cont.)";

    /// <param name="reserved">Characters of <see cref="DiscordLimits.EmbedTotal"/> each message leaves free (for a footer added after).</param>
    public static IReadOnlyList<MessageBody> Render(Reply reply, int reserved = 0)
    {
        var layout = new Layout(ReplyLines.Clip(reply.Title, DiscordLimits.EmbedTitle), DiscordLimits.EmbedTotal - reserved);
        var paragraphs = new List<string>();
        var actions = new List<ReplyAction>();
        foreach (var block in reply.Blocks)
        {
            if (block is ReplyBlock.Actions buttons)
            {
                // Discord shows components below a message's embeds whatever their order: they go last.
                actions.AddRange(buttons.Items);
                continue;
            }

            if (block is ReplyBlock.Paragraph paragraph)
            {
                paragraphs.Add(ReplyLines.Paragraph(DiscordMarkdown.Instance, paragraph.Spans, reply.TimeZone));
                continue;
            }

            // Paragraphs before these fields become a description above them, so the reply's order holds.
            layout.AddDescription(string.Join("\n", paragraphs));
            paragraphs.Clear();
            var fields = block switch
            {
                ReplyBlock.Papers papers => Pack(papers.Heading, papers.Items.Select(item => ReplyLines.Paper(DiscordMarkdown.Instance, item, DiscordLimits.FieldValue))),
                ReplyBlock.Schedule schedule => Pack("Schedule", schedule.Rows.Select(row => ReplyLines.ScheduleRow(DiscordMarkdown.Instance, row))),
                _ => [],
            };
            foreach (var field in fields)
            {
                layout.AddField(field);
            }
        }

        layout.AddDescription(string.Join("\n", paragraphs));
        return WithComponents(layout.Messages(), DiscordComponents.Rows(actions));
    }

    /// <summary>
    /// The action rows on the last message, up to <see cref="DiscordLimits.ActionRows"/>; more rows follow
    /// in messages of their own (components alone make a message).
    /// </summary>
    private static IReadOnlyList<MessageBody> WithComponents(IReadOnlyList<MessageBody> messages, IReadOnlyList<ComponentBody> rows)
    {
        if (rows.Count == 0)
        {
            return messages;
        }

        var groups = rows.Chunk(DiscordLimits.ActionRows).ToArray();
        return
        [
            .. messages.SkipLast(1),
            messages[^1] with { Components = groups[0] },
            .. groups.Skip(1).Select(group => new MessageBody(null, null, AllowedMentionsBody.None, Components: group)),
        ];
    }

    /// <summary>Lines into fields of at most <see cref="DiscordLimits.FieldValue"/> characters, named "Heading", "Heading (cont.)".</summary>
    private static IEnumerable<EmbedFieldBody> Pack(string heading, IEnumerable<string> lines)
    {
        var name = ReplyLines.Clip(heading, DiscordLimits.FieldName - Continued.Length);
        var value = new StringBuilder(DiscordLimits.FieldValue);
        var first = true;
        foreach (var line in lines)
        {
            if (value.Length > 0 && value.Length + 1 + line.Length > DiscordLimits.FieldValue)
            {
                yield return new EmbedFieldBody(first ? name : name + Continued, value.ToString());
                first = false;
                value.Clear();
            }

            (value.Length == 0 ? value : value.Append('\n')).Append(line);
        }

        if (value.Length > 0)
        {
            yield return new EmbedFieldBody(first ? name : name + Continued, value.ToString());
        }
    }

    /// <summary>Text into pieces of at most <paramref name="size"/> characters, cut between lines.</summary>
    private static IEnumerable<string> Chunks(string text, int size)
    {
        var chunk = "";
        foreach (var line in text.Split('\n'))
        {
            if (chunk.Length > 0 && chunk.Length + 1 + line.Length > size)
            {
                yield return chunk;
                chunk = "";
            }

            chunk = chunk.Length == 0 ? ReplyLines.Clip(line, size) : chunk + "\n" + line;
        }

        yield return chunk;
    }

    /// <summary>What counts against <see cref="DiscordLimits.EmbedTotal"/> (the footer is kept free by the budget).</summary>
    private static int Length(EmbedBody embed) =>
        (embed.Title?.Length ?? 0) + (embed.Description?.Length ?? 0) + (embed.Fields?.Sum(f => f.Name.Length + f.Value.Length) ?? 0);

    /// <summary>
    /// Embeds in order into messages. The first embed carries the title and, when the reply starts with
    /// text, that text; later text starts a new embed; a field joins the last embed while it and its
    /// message have room. A message holds at most ten embeds within <paramref name="budget"/> characters.
    /// </summary>
    private sealed class Layout
    {
        private readonly List<List<EmbedBody>> _messages = [[]];
        private readonly int _budget;
        private int _total;

        public Layout(string title, int budget)
        {
            _budget = budget;
            Add(new EmbedBody(title, null, null, Colour));
        }

        private List<EmbedBody> Current => _messages[^1];

        public void AddDescription(string description)
        {
            if (description.Length == 0)
            {
                return;
            }

            foreach (var chunk in Chunks(description, DiscordLimits.EmbedDescription))
            {
                if (Current[^1] is { Description: null, Fields: null } bare && _total + chunk.Length <= _budget)
                {
                    Current[^1] = bare with { Description = chunk };
                    _total += chunk.Length;
                }
                else
                {
                    Add(new EmbedBody(null, chunk, null, Colour));
                }
            }
        }

        public void AddField(EmbedFieldBody field)
        {
            var length = field.Name.Length + field.Value.Length;
            var last = Current[^1];
            if ((last.Fields?.Count ?? 0) < DiscordLimits.FieldsPerEmbed && _total + length <= _budget)
            {
                Current[^1] = last with { Fields = [.. last.Fields ?? [], field] };
                _total += length;
            }
            else
            {
                Add(new EmbedBody(null, null, [field], Colour));
            }
        }

        public IReadOnlyList<MessageBody> Messages() =>
            _messages.Select(embeds => new MessageBody(null, embeds.ToArray(), AllowedMentionsBody.None)).ToArray();

        private void Add(EmbedBody embed)
        {
            if (Current.Count == DiscordLimits.EmbedsPerMessage || (Current.Count > 0 && _total + Length(embed) > _budget))
            {
                _messages.Add([]);
                _total = 0;
            }

            Current.Add(embed);
            _total += Length(embed);
        }
    }
}
