using System.Text.Json;
using CourseBot.Bot.Discord;
using CourseBot.Bot.Discord.Rest;
using CourseBot.Bot.Tests.Specs;
using CourseBot.Core.ReadingList;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Tests.Discord;

public sealed class DiscordReplyRendererTests
{
    private static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");

    private static PaperItem Paper(int n, bool required, string? label = null, string? authors = "Ada Lovelace, Alan Turing") =>
        new(new Paper($"p{n}", $"Paper {n}: a system", authors, "OSDI 24", $"https://example.org/{n}"), new Requirement(required, label), null, true);

    [Fact]
    public void A_week_is_one_embed_with_the_title_text_and_a_field_per_paper_group()
    {
        var due = new DateTimeOffset(2025, 9, 8, 18, 0, 0, TimeSpan.FromHours(-5));
        var reply = new Reply(
            "Week 3 · LLM Post-Training",
            [
                new ReplyBlock.Paragraph(new Span.Text("Due "), new Span.Moment(due, MomentStyle.DateTime)),
                new ReplyBlock.Papers("Required", [Paper(1, true, "Async RL")]),
                new ReplyBlock.Papers("Optional · Async RL", [Paper(2, false)]),
            ],
            Chicago);

        var message = Assert.Single(DiscordReplyRenderer.Render(reply));

        var embed = Assert.Single(message.Embeds!);
        Assert.Equal("Week 3 · LLM Post-Training", embed.Title);
        Assert.Equal($"Due <t:{due.ToUnixTimeSeconds()}:f>", embed.Description);
        Assert.Equal(["Required", "Optional · Async RL"], embed.Fields!.Select(f => f.Name).ToArray());
        Assert.Equal("★ **[Paper 1: a system](https://example.org/1)** (Required - Async RL)\nAda Lovelace, Alan Turing · OSDI 24", embed.Fields![0].Value);
        Assert.StartsWith("• **[Paper 2: a system](https://example.org/2)**", embed.Fields![1].Value);
    }

    [Fact]
    public void A_very_long_week_is_split_within_every_limit_and_keeps_every_paper()
    {
        var longTitle = new string('x', 180);
        var longAuthors = string.Join(", ", Enumerable.Range(1, 80).Select(i => $"Author Number{i}"));
        var items = Enumerable.Range(1, 200)
            .Select(i => new PaperItem(new Paper($"p{i}", $"T{i:D3} {longTitle}", longAuthors, "SOSP 23", $"https://example.org/papers/{i}"), new Requirement(i % 3 == 0, null), null, true))
            .ToArray();
        var reply = new Reply("Week 1 · " + new string('y', 300), [new ReplyBlock.Paragraph(new Span.Text("Read these.")), new ReplyBlock.Papers("Required", items)], Chicago);

        var messages = DiscordReplyRenderer.Render(reply);

        Assert.True(messages.Count > 1);
        foreach (var message in messages)
        {
            var embeds = message.Embeds!;
            Assert.InRange(embeds.Count, 1, DiscordLimits.EmbedsPerMessage);
            Assert.InRange(embeds.Sum(e => (e.Title?.Length ?? 0) + (e.Description?.Length ?? 0) + (e.Fields ?? []).Sum(f => f.Name.Length + f.Value.Length)), 1, DiscordLimits.EmbedTotal);
            foreach (var embed in embeds)
            {
                Assert.True((embed.Title?.Length ?? 0) <= DiscordLimits.EmbedTitle);
                Assert.True((embed.Description?.Length ?? 0) <= DiscordLimits.EmbedDescription);
                Assert.True((embed.Fields?.Count ?? 0) <= DiscordLimits.FieldsPerEmbed);
                Assert.All(embed.Fields ?? [], f => Assert.InRange(f.Value.Length, 1, DiscordLimits.FieldValue));
                Assert.All(embed.Fields ?? [], f => Assert.InRange(f.Name.Length, 1, DiscordLimits.FieldName));
            }

            // What Discord receives: a message body its OpenAPI spec accepts, with no pings.
            using var json = JsonDocument.Parse(DiscordRestClient.Json(message, DiscordJson.Default.MessageBody));
            Assert.Empty(OpenApiSpec.Load("discord-openapi.json").CheckJsonBody("/channels/{channel_id}/messages", "POST", json.RootElement));
            Assert.Equal(0, json.RootElement.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
        }

        var text = string.Join("\n", messages.SelectMany(m => m.Embeds!).SelectMany(e => e.Fields ?? []).Select(f => f.Value));
        for (var i = 1; i <= 200; i++)
        {
            Assert.Contains($"[T{i:D3} ", text);
            Assert.Contains($"(https://example.org/papers/{i})", text);
        }

        // 80 authors do not fit a field beside a long title: the list is shortened, the paper kept.
        Assert.Contains("Author Number1 et al.", text);
    }

    [Fact]
    public void Titles_are_escaped_and_cannot_mention_anyone()
    {
        var reply = new Reply("t", [new ReplyBlock.Papers("Required", [new PaperItem(new Paper("k", "*Bold* [x] @everyone", null, null, "https://e.org/a_(b)"), Requirement.Required, null, true)])], Chicago);

        var value = DiscordReplyRenderer.Render(reply)[0].Embeds![0].Fields![0].Value;

        Assert.Equal("★ **[\\*Bold\\* \\[x\\] @\u200beveryone](https://e.org/a_(b%29)** (Required)", value);
    }

    [Fact]
    public void A_schedule_marks_this_week()
    {
        var rows = new[]
        {
            new ScheduleRow("Week 1", new DateOnly(2025, 8, 25), new DateOnly(2025, 8, 31), "Introduction", false, false),
            new ScheduleRow("Week 2", new DateOnly(2025, 9, 1), new DateOnly(2025, 9, 7), "Scaling", false, true),
        };

        var field = DiscordReplyRenderer.Render(new Reply("Schedule", [new ReplyBlock.Schedule(rows)], Chicago))[0].Embeds![0].Fields!.Single();

        Assert.Equal("Schedule", field.Name);
        Assert.Equal("**Week 1** Aug 25–31 · Introduction\n→ **Week 2** Sep 1–7 · Scaling", field.Value);
    }
}
