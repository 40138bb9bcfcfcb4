using System.Text;
using CourseBot.Bot.Rendering;
using CourseBot.Bot.Slack.Wire;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Slack;

/// <summary>One Slack message: notification text and its blocks.</summary>
public sealed record SlackMessage(string Text, IReadOnlyList<Block> Blocks);

/// <summary>
/// Renders a reply as Block Kit: a header, the text, then each group of papers as sections. Long
/// replies are split across sections and messages so every limit holds and no paper is dropped.
/// </summary>
public static class SlackReplyRenderer
{
    /// <param name="reserveBlocks">Blocks the caller will add to the last message (a share button).</param>
    /// <param name="reserveText">Characters those blocks will add (the button's text and value), kept free in every message.</param>
    public static IReadOnlyList<SlackMessage> Render(Reply reply, int reserveBlocks = 0, int reserveText = 0)
    {
        var sections = new List<string>();
        foreach (var block in reply.Blocks)
        {
            switch (block)
            {
                case ReplyBlock.Paragraph paragraph:
                    sections.AddRange(Pack(null, [ReplyLines.Paragraph(SlackMrkdwn.Instance, paragraph.Spans, reply.TimeZone)]));
                    break;
                case ReplyBlock.Papers papers:
                    sections.AddRange(Pack(papers.Heading, papers.Items.Select(Item)));
                    break;
                case ReplyBlock.Schedule schedule:
                    sections.AddRange(Pack(null, schedule.Rows.Select(Row)));
                    break;
            }
        }

        return Assemble(reply.Title, sections, reserveBlocks, reserveText);
    }

    /// <summary>Blocks for a view (App Home): the same sections, up to the view's block limit.</summary>
    public static IEnumerable<Block> Blocks(Reply reply) => Render(reply).SelectMany(m => m.Blocks);

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

    private static IReadOnlyList<SlackMessage> Assemble(string title, IReadOnlyList<string> sections, int reserveBlocks, int reserveText)
    {
        var messages = new List<SlackMessage>();
        var blocks = new List<Block> { Header(title) };
        var length = 0;
        foreach (var section in sections)
        {
            if (blocks.Count + 1 > SlackLimits.BlocksPerMessage - reserveBlocks || length + section.Length > SlackLimits.MessageText - reserveText)
            {
                messages.Add(new SlackMessage(title, blocks));
                blocks = [Header(Clip(title, SlackLimits.HeaderText - 8) + " (cont.)")];
                length = 0;
            }

            blocks.Add(Section(section));
            length += section.Length;
        }

        messages.Add(new SlackMessage(title, blocks));
        return messages;
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
