using System.Text;
using CourseBot.Bot.Rendering;
using CourseBot.Bot.Slack.Wire;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Slack;

/// <summary>One Slack message: notification text and its blocks.</summary>
public sealed record SlackMessage(string Text, IReadOnlyList<Block> Blocks);

/// <summary>
/// Renders a reply as Block Kit: a header, the text, then each group of papers as sections, and buttons
/// and menus as <c>actions</c> blocks where the reply has them. Long replies are split across sections and
/// messages so every limit holds and no paper is dropped.
/// </summary>
public static class SlackReplyRenderer
{
    /// <summary>
    /// The <c>action_id</c>s of a reply's buttons and menus start with this ("coursebot_command_0", …: unique
    /// in a message); the command text is the button's <c>value</c> or the chosen option's
    /// (<see cref="ActionCommand"/>).
    /// </summary>
    public const string CommandAction = "coursebot_command_";

    /// <param name="reserveBlocks">Blocks the caller will add to the last message (a share button).</param>
    /// <param name="reserveText">Characters those blocks will add (the button's text and value), kept free in every message.</param>
    public static IReadOnlyList<SlackMessage> Render(Reply reply, int reserveBlocks = 0, int reserveText = 0)
    {
        var sections = new List<Block>();
        var actions = 0;
        foreach (var block in reply.Blocks)
        {
            switch (block)
            {
                case ReplyBlock.Paragraph paragraph:
                    sections.AddRange(Pack(null, [ReplyLines.Paragraph(SlackMrkdwn.Instance, paragraph.Spans, reply.TimeZone)]).Select(Section));
                    break;
                case ReplyBlock.Papers papers:
                    sections.AddRange(Pack(papers.Heading, papers.Items.Select(Item)).Select(Section));
                    break;
                case ReplyBlock.Schedule schedule:
                    sections.AddRange(Pack(null, schedule.Rows.Select(Row)).Select(Section));
                    break;
                case ReplyBlock.Actions buttons:
                    sections.AddRange(Actions(buttons.Items, ref actions));
                    break;
            }
        }

        return Assemble(reply.Title, sections, reserveBlocks, reserveText);
    }

    /// <summary>
    /// Blocks for a view (App Home): the same sections, up to the view's block limit. Without buttons and
    /// menus: a click in a view comes without a <c>response_url</c> to answer the student privately through.
    /// </summary>
    public static IEnumerable<Block> Blocks(Reply reply) => Render(reply).SelectMany(m => m.Blocks).Where(b => b is not ActionsBlock);

    /// <summary>
    /// Buttons and menus as <c>actions</c> blocks of at most <see cref="SlackLimits.ActionElements"/> elements;
    /// a menu of more than <see cref="SlackLimits.SelectOptions"/> options becomes several. A command that
    /// cannot be carried even compacted (<see cref="ActionCommand"/>) leaves its button or option out:
    /// CourseBot's own commands are far shorter.
    /// </summary>
    private static IEnumerable<ActionsBlock> Actions(IReadOnlyList<ReplyAction> actions, ref int number)
    {
        var elements = new List<BlockElement>();
        foreach (var action in actions)
        {
            switch (action)
            {
                case ReplyAction.Button button when ActionCommand.Encode(button.Command, SlackLimits.ButtonValue) is { } value:
                    elements.Add(new ButtonElement(CommandAction + number++, new PlainText(Clip(Label(button.Label), SlackLimits.ButtonText), Emoji: true), value));
                    break;
                case ReplyAction.Select select:
                    var parts = select.Options.Chunk(SlackLimits.SelectOptions).ToArray();
                    for (var i = 0; i < parts.Length; i++)
                    {
                        var values = new HashSet<string>(StringComparer.Ordinal);
                        var options = parts[i]
                            .Select(o => (Option: o, Value: UniqueValue(o.Command, values)))
                            .Where(o => o.Value is not null)
                            .Select(o => new OptionObject(
                                new PlainText(Clip(Label(o.Option.Label), SlackLimits.OptionText), Emoji: true),
                                o.Value!,
                                o.Option.Description is { Length: > 0 } d ? new PlainText(Clip(d, SlackLimits.OptionDescription), Emoji: true) : null))
                            .ToArray();
                        if (options.Length > 0)
                        {
                            var placeholder = parts.Length == 1 ? select.Placeholder : $"{select.Placeholder} ({i + 1}/{parts.Length})";
                            elements.Add(new StaticSelectElement(CommandAction + number++, new PlainText(Clip(Label(placeholder), SlackLimits.SelectPlaceholder), Emoji: true), options));
                        }
                    }

                    break;
            }
        }

        return elements.Chunk(SlackLimits.ActionElements).Select(chunk => new ActionsBlock([.. chunk]));
    }

    /// <summary>An option value unique in its menu (repeats numbered, <see cref="ActionCommand"/>); null when it cannot fit.</summary>
    private static string? UniqueValue(string command, HashSet<string> taken)
    {
        for (var number = 0; ; number++)
        {
            var value = ActionCommand.Encode(command, SlackLimits.OptionValue, number);
            if (value is null || taken.Add(value))
            {
                return value;
            }
        }
    }

    /// <summary>Plain text must not be empty.</summary>
    private static string Label(string text) => text.Length == 0 ? "…" : text;

    /// <summary>What a block adds to the message's text: section text; an actions block's labels and values.</summary>
    private static int Length(Block block) => block switch
    {
        SectionBlock section => section.Text.Text.Length,
        ActionsBlock actions => actions.Elements.Sum(e => e switch
        {
            ButtonElement b => b.Text.Text.Length + (b.Value?.Length ?? 0),
            StaticSelectElement m => m.Placeholder.Text.Length + m.Options.Sum(o => o.Text.Text.Length + o.Value.Length + (o.Description?.Text.Length ?? 0)),
            _ => 0,
        }),
        _ => 0,
    };

    public static HeaderBlock Header(string title) => new(new PlainText(Clip(title, SlackLimits.HeaderText), Emoji: true));

    public static SectionBlock Section(string mrkdwn) => new(new MrkdwnText(mrkdwn));

    private static string Item(PaperItem item) => ReplyLines.Paper(SlackMrkdwn.Instance, item, SlackLimits.SectionText);

    private static string Row(ScheduleRow row) => ReplyLines.ScheduleRow(SlackMrkdwn.Instance, row);

    /// <summary>Lines into sections of at most <see cref="SlackLimits.SectionText"/> characters; the heading leads the first.</summary>
    private static IEnumerable<string> Pack(string? heading, IEnumerable<string> lines)
    {
        var text = new StringBuilder();
        if (heading is not null)
        {
            text.Append(ReplyLines.Heading(SlackMrkdwn.Instance, heading));
        }

        foreach (var line in lines)
        {
            foreach (var piece in Pieces(line))
            {
                if (text.Length > 0 && text.Length + 1 + piece.Length > SlackLimits.SectionText)
                {
                    yield return text.ToString();
                    text.Clear();
                }

                (text.Length == 0 ? text : text.Append('\n')).Append(piece);
            }
        }

        if (text.Length > 0)
        {
            yield return text.ToString();
        }
    }

    /// <summary>A line longer than a section (a long paragraph) is cut at spaces into section-sized pieces.</summary>
    private static IEnumerable<string> Pieces(string line)
    {
        while (line.Length > SlackLimits.SectionText)
        {
            var cut = line.LastIndexOf(' ', SlackLimits.SectionText - 1);
            cut = cut <= 0 ? SlackLimits.SectionText : cut;
            yield return line[..cut];
            line = line[cut..].TrimStart();
        }

        yield return line;
    }

    private static IReadOnlyList<SlackMessage> Assemble(string title, IReadOnlyList<Block> sections, int reserveBlocks, int reserveText)
    {
        var messages = new List<SlackMessage>();
        var blocks = new List<Block> { Header(title) };
        var length = 0;
        foreach (var section in sections)
        {
            var size = Length(section);
            if (blocks.Count + 1 > SlackLimits.BlocksPerMessage - reserveBlocks || length + size > SlackLimits.MessageText - reserveText)
            {
                messages.Add(new SlackMessage(title, blocks));
                blocks = [Header(Clip(title, SlackLimits.HeaderText - 8) + " (cont.)")];
                length = 0;
            }

            blocks.Add(section);
            length += size;
        }

        messages.Add(new SlackMessage(title, blocks));
        return messages;
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
