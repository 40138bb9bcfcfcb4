using CourseBot.Bot.Delivery;
using CourseBot.Bot.Scheduling;
using CourseBot.Bot.Slack;
using CourseBot.Bot.Slack.Wire;
using CourseBot.Bot.Storage;
using CourseBot.Bot.Tests.Http;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Core.ReadingList;
using CourseBot.Core.Replies;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Slack;

/// <summary>Announcements to Slack through the ledger: paced per channel, 429s honoured, refusals explained, ts recorded.</summary>
public sealed class SlackPostingTests : IAsyncLifetime
{
    private const string Channel = "C0COURSE";
    private readonly TempDirectory _data = new();
    private FakeSlack _slack = null!;

    public async Task InitializeAsync() => _slack = await FakeSlack.StartAsync();

    public async Task DisposeAsync()
    {
        await _slack.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task A_burst_of_posts_to_one_channel_goes_out_a_second_apart_without_429s_and_each_ts_is_recorded()
    {
        var (sender, ledger, _) = await SenderAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => sender.SendAsync(Key($"week-{i}"), Week($"Week {i}"), CancellationToken.None)));

        Assert.All(outcomes, o => Assert.Equal(PostOutcome.Sent, o));
        var posts = _slack.To("chat.postMessage").ToArray();
        Assert.Equal(4, posts.Length);
        Assert.Equal(0, _slack.TooManyRequestsSent);
        Assert.All(posts.Zip(posts.Skip(1)), pair => Assert.True(pair.Second.At - pair.First.At >= TimeSpan.FromMilliseconds(950), "posts to one channel are a second apart"));
        Assert.True(_slack.Violations.IsEmpty, string.Join("\n", _slack.Violations));
        var records = await ledger.ListAsync(null, CancellationToken.None);
        Assert.All(records, r => Assert.StartsWith("1764000000.", r.MessageId));
        Assert.Equal(4, records.Select(r => r.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task A_429_is_waited_out_and_the_post_goes_through_once()
    {
        _slack.ForceRateLimits = 1;
        var (sender, _, _) = await SenderAsync();

        var outcome = await sender.SendAsync(Key("week-9"), Week("Week 9"), CancellationToken.None);

        Assert.Equal(PostOutcome.Sent, outcome);
        var calls = _slack.To("chat.postMessage").ToArray();
        Assert.Equal(2, calls.Length);
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromMilliseconds(900), "retried before Retry-After");
    }

    [Theory]
    [InlineData("not_in_channel", "/invite @CourseBot")]
    [InlineData("channel_not_found", "channels.slack")]
    public async Task A_refusal_is_a_permanent_failure_that_says_what_to_do(string error, string advice)
    {
        _slack.ChannelErrors[Channel] = error;
        var (sender, ledger, delivery) = await SenderAsync();

        var outcome = await sender.SendAsync(Key("week-10"), Week("Week 10"), CancellationToken.None);

        Assert.Equal(PostOutcome.PermanentFailure, outcome);
        Assert.Single(_slack.To("chat.postMessage"));
        Assert.Contains(advice, delivery.ChannelProblems[Channel]);
        Assert.Contains(error, Assert.Single(await ledger.ListAsync(null, CancellationToken.None)).LastError);
    }

    [Theory]
    [InlineData("invalid_auth")]
    [InlineData("token_revoked")]
    public async Task A_refused_token_makes_slack_not_ready_not_just_one_channel(string error)
    {
        _slack.ChannelErrors[Channel] = error;
        var (sender, _, delivery) = await SenderAsync();
        var readiness = new SlackReadiness(Options.Create(new SlackOptions { Mode = SlackMode.Http }), delivery, []);

        var outcome = await sender.SendAsync(Key("week-14"), Week("Week 14"), CancellationToken.None);

        Assert.Equal(PostOutcome.PermanentFailure, outcome);
        Assert.Contains("Slack__BotToken", delivery.TokenProblem);
        Assert.Empty(delivery.ChannelProblems);
        using var stream = new MemoryStream();
        await using (var json = new System.Text.Json.Utf8JsonWriter(stream))
        {
            Assert.False(await readiness.WriteAsync(json, CancellationToken.None));
        }

        Assert.Contains(error, System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public async Task A_500_after_posting_is_not_retried_and_the_post_is_found_by_the_lookup()
    {
        _slack.FailAfterPosting = 1;
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (sender, ledger, _) = await SenderAsync(clock);
        var key = Key("week-13");

        // Outcome unknown: no second chat.postMessage, the claim stays open for the lookup.
        await Assert.ThrowsAsync<SlackUnavailableException>(() => sender.SendAsync(key, Week("Week 13"), CancellationToken.None));
        Assert.Single(_slack.To("chat.postMessage"));

        clock.Advance(new PostingLedgerOptions().ClaimLease + TimeSpan.FromMinutes(1));
        var outcome = await sender.SendAsync(key, Week("Week 13"), CancellationToken.None);

        Assert.Equal(PostOutcome.Recovered, outcome);
        Assert.Single(_slack.To("chat.postMessage"));
        Assert.Single(_slack.To("conversations.history"));
        Assert.NotNull(Assert.Single(await ledger.ListAsync(null, CancellationToken.None)).MessageId);
    }

    [Fact]
    public async Task A_post_sent_before_a_crash_is_found_again_by_its_metadata()
    {
        var (_, _, delivery) = await SenderAsync();
        var key = Key("week-11");
        await delivery.PostAsync(key, Week("Week 11"), CancellationToken.None);

        Assert.NotNull(await delivery.FindExistingAsync(key, CancellationToken.None));
        Assert.Null(await delivery.FindExistingAsync(Key("week-12"), CancellationToken.None));
        Assert.All(_slack.To("conversations.history"), c => Assert.Equal("true", c.Body["include_all_metadata"]?.GetValue<string>()));
        Assert.True(_slack.Violations.IsEmpty, string.Join("\n", _slack.Violations));
    }

    [Fact]
    public async Task A_crash_between_sending_and_recording_is_recovered_from_the_posts_metadata()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (sender, ledger, delivery) = await SenderAsync(clock);
        var key = Key("week-15");

        // A node claims the post, sends it, and dies before recording the ts.
        Assert.Equal(ClaimOutcome.Claimed, (await ledger.TryClaimAsync(key, "crashed-node/1", CancellationToken.None)).Outcome);
        var sent = await delivery.PostAsync(key, Week("Week 15"), CancellationToken.None);
        clock.Advance(new PostingLedgerOptions().ClaimLease + TimeSpan.FromMinutes(1));

        var outcome = await sender.SendAsync(key, Week("Week 15"), CancellationToken.None);

        Assert.Equal(PostOutcome.Recovered, outcome);
        var post = Assert.Single(_slack.To("chat.postMessage"));
        var metadata = post.Body["metadata"]!;
        Assert.Equal(SlackApiClient.PostEventType, metadata["event_type"]!.GetValue<string>());
        Assert.Equal(key.Token, metadata["event_payload"]!["post_key"]!.GetValue<string>());
        Assert.Equal(sent.MessageId, Assert.Single(await ledger.ListAsync(null, CancellationToken.None)).MessageId);
        Assert.True(_slack.Violations.IsEmpty, string.Join("\n", _slack.Violations));
    }

    [Fact]
    public async Task The_fake_lists_message_metadata_only_when_asked_as_slack_does()
    {
        var (_, _, delivery) = await SenderAsync();
        await delivery.PostAsync(Key("week-16"), Week("Week 16"), CancellationToken.None);
        var api = RestClients.Slack(_slack.ApiBaseUrl, TimeProvider.System);

        using var plain = await api.CallAsync("conversations.history", new HistoryRequest(Channel, 10), SlackJson.Default.HistoryRequest, FakeSlack.BotToken, CancellationToken.None);
        using var withMetadata = await api.CallAsync("conversations.history", new HistoryRequest(Channel, 10, IncludeAllMetadata: true), SlackJson.Default.HistoryRequest, FakeSlack.BotToken, CancellationToken.None);

        Assert.False(plain.RootElement.GetProperty("messages")[0].TryGetProperty("metadata", out _));
        Assert.Equal(SlackApiClient.PostEventType, withMetadata.RootElement.GetProperty("messages")[0].GetProperty("metadata").GetProperty("event_type").GetString());
    }

    [Fact]
    public void A_very_long_week_is_split_within_block_kit_limits_without_losing_a_paper()
    {
        var papers = Enumerable.Range(1, 200).Select(i => new PaperItem(
            new Paper($"p{i}", $"Paper {i:D3} <with> & {new string('x', 150)}", string.Join(", ", Enumerable.Range(1, 12).Select(a => $"Author {a}")), "SOSP 25", $"https://example.org/{i}"),
            new Requirement(i % 4 == 0, "Focus"), null, true, "Week 9 · Everything")).ToArray();
        var reply = new Reply(new string('W', 200), [new ReplyBlock.Paragraph(new Span.Text(new string('p', 7000))), new ReplyBlock.Papers("Required", papers)], TimeZoneInfo.Utc);

        var messages = SlackReplyRenderer.Render(reply, reserveBlocks: 1);

        Assert.True(messages.Count > 1);
        Assert.All(messages, m =>
        {
            var blocks = m.Blocks.Json();
            Assert.Empty(FakeSlack.BlockProblems(blocks, FakeSlack.MessageBlocks - 1));
            Assert.True(blocks.ToJsonString().Length < 13000, $"{blocks.ToJsonString().Length} characters of JSON in one message");
        });
        var text = string.Concat(messages.SelectMany(m => m.Blocks.Json()).Select(b => b?["text"]?["text"]?.GetValue<string>()));
        Assert.All(papers, p => Assert.Contains($"<{p.Paper.Url}|Paper {p.Paper.Key[1..].PadLeft(3, '0')} &lt;with&gt; &amp;", text));
    }

    [Fact]
    public void A_long_private_answer_with_a_long_share_line_keeps_every_message_within_the_caps()
    {
        var shareLine = "/coursebot search " + new string('q', 1900);

        // Every length from one message to several, so that somewhere the last message is nearly full.
        for (var count = 10; count <= 80; count++)
        {
            var papers = Enumerable.Range(1, count).Select(i => new PaperItem(
                new Paper($"p{i}", $"Paper {i:D3} {new string('x', 150)}", string.Join(", ", Enumerable.Range(1, 12).Select(a => $"Author {a}")), "SOSP 25", $"https://example.org/{i}"),
                new Requirement(false, "Focus"), null, true, "Week 9 · Everything")).ToArray();
            var reply = new Reply("Search", [new ReplyBlock.Papers("Matches", papers)], TimeZoneInfo.Utc);

            var bodies = SlackCommandHandler.Bodies(reply, isPrivate: true, shareLine).Select(b => b.Json()).ToList();

            Assert.Equal(shareLine, bodies[^1]["blocks"]!.AsArray()[^1]!["elements"]![0]!["value"]!.GetValue<string>());
            Assert.All(bodies, b => Assert.Empty(FakeSlack.BlockProblems(b["blocks"]!.AsArray(), FakeSlack.MessageBlocks)));
            var text = string.Concat(bodies.SelectMany(b => b["blocks"]!.AsArray()).Select(b => b?["text"]?["text"]?.GetValue<string>()));
            Assert.All(papers, p => Assert.Contains($"<{p.Paper.Url}|Paper {p.Paper.Key[1..].PadLeft(3, '0')} ", text));
        }
    }

    private static PostKey Key(string slot) => new("cs395t", slot, PostKinds.Announcement, "slack", Channel);

    private static Reply Week(string title) => new(title, [new ReplyBlock.Paragraph(new Span.Text("Read the papers"))], TimeZoneInfo.Utc);

    private async Task<(PostSender<Reply> Sender, SqlitePostingLedger Ledger, SlackPostDelivery Delivery)> SenderAsync(TimeProvider? ledgerClock = null)
    {
        var ledger = new SqlitePostingLedger($"Data Source={Path.Combine(_data.Path, "ledger.db")}", ledgerClock ?? TimeProvider.System, new PostingLedgerOptions());
        await ledger.EnsureSchemaAsync(CancellationToken.None);
        var api = RestClients.Slack(_slack.ApiBaseUrl, TimeProvider.System);
        var delivery = new SlackPostDelivery(api, TimeProvider.System, NullLogger<SlackPostDelivery>.Instance);
        return (new PostSender<Reply>(ledger, [delivery], "test-node", NullLogger<PostSender<Reply>>.Instance), ledger, delivery);
    }
}
