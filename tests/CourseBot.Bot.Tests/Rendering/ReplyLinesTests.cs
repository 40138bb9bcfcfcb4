using CourseBot.Bot.Discord;
using CourseBot.Bot.Slack;
using CourseBot.Bot.Slack.Wire;
using CourseBot.Bot.Tests.Running;
using CourseBot.Core.Commands;
using CourseBot.Core.ReadingList;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Tests.Rendering;

/// <summary>Discord and Slack show a reply's lines in the same layout and order, each in its own markup.</summary>
public sealed class ReplyLinesTests
{
    private static readonly DateTimeOffset Monday = new(2025, 9, 8, 9, 0, 0, TimeSpan.FromHours(-5));

    [Fact]
    public void Required_papers_keep_the_reply_order_on_discord_and_slack()
    {
        var reply = CommandDispatcher.Answer("/required week 3", PostingBot.Course(), Monday);
        var papersAt = reply.Blocks.ToList().FindIndex(b => b is ReplyBlock.Papers);
        Assert.True(papersAt >= 0 && reply.Blocks.Skip(papersAt + 1).OfType<ReplyBlock.Paragraph>().Any(), "week 3 has a line after its required papers");

        var discord = string.Join("\n", DiscordReplyRenderer.Render(reply)
            .SelectMany(m => m.Embeds!)
            .SelectMany(e => new[] { e.Title, e.Description }.Concat((e.Fields ?? []).SelectMany(f => new[] { f.Name, f.Value })))
            .OfType<string>());
        var slack = string.Join("\n", SlackReplyRenderer.Render(reply).SelectMany(SlackTexts));

        AssertInOrder(Landmarks(reply), discord);
        AssertInOrder(Landmarks(reply), slack);
    }

    [Fact]
    public void A_paper_is_the_same_line_in_each_platforms_markup()
    {
        var item = new PaperItem(new Paper("k", "Fast <RL> *now*", "Ada Lovelace, Alan Turing", "OSDI 24", "https://e.org/p"), new Requirement(true, "Async RL"), "(skim)", true, "Week 3 · Post-Training");
        var reply = new Reply("t", [new ReplyBlock.Papers("Required", [item])], TimeZoneInfo.Utc);

        var discord = DiscordReplyRenderer.Render(reply)[0].Embeds![0].Fields![0].Value;
        var slack = SlackReplyRenderer.Render(reply).SelectMany(SlackTexts).Last();

        Assert.Equal("★ **[Fast <RL\\> \\*now\\*](https://e.org/p)** (skim) (Required - Async RL)\nAda Lovelace, Alan Turing · OSDI 24\n*Week 3 · Post-Training*", discord);
        Assert.Equal("*Required*\n★ *<https://e.org/p|Fast &lt;RL&gt; *now*>* (skim) (Required - Async RL)\nAda Lovelace, Alan Turing · OSDI 24\n_Week 3 · Post-Training_", slack);
    }

    [Fact]
    public void A_paper_too_long_for_a_slack_section_names_its_first_author_and_keeps_where_it_sits()
    {
        var authors = string.Join(", ", Enumerable.Range(1, 300).Select(i => $"Author Number{i}"));
        var item = new PaperItem(new Paper("k", "A long author list", authors, "SOSP 23", "https://e.org/long"), Requirement.Required, null, true, "Week 9 · Everything");
        var reply = new Reply("t", [new ReplyBlock.Papers("Required", [item])], TimeZoneInfo.Utc);

        var section = SlackReplyRenderer.Render(reply).SelectMany(SlackTexts).Last();

        Assert.Equal("*Required*\n★ *<https://e.org/long|A long author list>* (Required)\nAuthor Number1 et al. · SOSP 23\n_Week 9 · Everything_", section);
    }

    /// <summary>Text that must appear in this order: each paragraph's opening words, each heading, each paper's link.</summary>
    private static IEnumerable<string> Landmarks(Reply reply) => reply.Blocks.SelectMany(block => block switch
    {
        ReplyBlock.Paragraph p => p.Spans.OfType<Span.Text>().Take(1).Select(t => t.Value),
        ReplyBlock.Papers papers => papers.Items.Select(i => i.Paper.Url).OfType<string>().Prepend(papers.Heading),
        _ => [],
    });

    private static void AssertInOrder(IEnumerable<string> landmarks, string text)
    {
        var at = 0;
        foreach (var landmark in landmarks)
        {
            var found = text.IndexOf(landmark, at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"'{landmark}' is not after what comes before it in the reply:\n{text}");
            at = found + landmark.Length;
        }
    }

    private static IEnumerable<string> SlackTexts(SlackMessage message) =>
        message.Blocks.Select(b => b switch
        {
            SectionBlock section => section.Text.Text,
            HeaderBlock header => header.Text.Text,
            _ => null,
        }).OfType<string>();
}
