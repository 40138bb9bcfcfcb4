using System.Text.Json;
using CourseBot.Bot.Delivery;
using CourseBot.Bot.Discord;
using CourseBot.Bot.Discord.Interactions;
using CourseBot.Bot.Discord.Rest;
using CourseBot.Bot.Scheduling;
using CourseBot.Bot.Storage;
using CourseBot.Bot.Tests.Discord.Fakes;
using CourseBot.Bot.Tests.Http;
using CourseBot.Bot.Tests.Running;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Bot.Tests.Testing;
using CourseBot.Core.ReadingList;
using CourseBot.Core.Replies;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Discord;

/// <summary>Announcements and reminders to Discord channels, through the ledger: exactly once, no pings, clear refusals.</summary>
public sealed class DiscordPostingTests : WithFakeDiscord
{
    private const string Channel = "1200000000000000001";
    private const string Messages = "/channels/{channel_id}/messages";

    [Fact]
    public async Task A_post_carries_the_ledger_token_as_an_enforced_nonce_and_its_message_id_is_recorded()
    {
        var (sender, ledger, _) = await SenderAsync();
        var key = Key("week-2025-09-08");

        var outcome = await sender.SendAsync(key, Week(), CancellationToken.None);

        Assert.Equal(PostOutcome.Sent, outcome);
        var posted = Assert.Single(Api.Channels[Channel]);
        Assert.Equal(key.Token, posted.Nonce);
        Assert.True(posted.Body.GetProperty("enforce_nonce").GetBoolean());
        Assert.Equal(DiscordPostDelivery.Marker(key.Token), posted.Body.GetProperty("embeds")[0].GetProperty("footer").GetProperty("text").GetString());
        Assert.Contains(key.Token, DiscordPostDelivery.Marker(key.Token));
        Assert.Equal(0, posted.Body.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
        Assert.True(Api.Violations.IsEmpty, string.Join("\n", Api.Violations));
        var record = Assert.Single(await ledger.ListAsync(null, CancellationToken.None));
        Assert.Equal(posted.Id, record.MessageId);
    }

    [Fact]
    public async Task A_response_lost_after_discord_stored_the_post_is_retried_without_a_second_message()
    {
        Api.LoseResponsesAfterCreate = 1;
        var (sender, ledger, _) = await SenderAsync();

        var outcome = await sender.SendAsync(Key("week-2025-09-15"), Week(), CancellationToken.None);

        Assert.Equal(PostOutcome.Sent, outcome);
        Assert.Equal(2, Api.To(Messages).Count());
        var posted = Assert.Single(Api.Channels[Channel]);
        Assert.Equal(posted.Id, Assert.Single(await ledger.ListAsync(null, CancellationToken.None)).MessageId);
    }

    [Fact]
    public async Task A_post_found_in_the_channel_history_by_its_marker_is_recognised()
    {
        var (_, _, delivery) = await SenderAsync();
        var key = Key("week-2025-09-22");
        await delivery.PostAsync(key, Week(), CancellationToken.None);

        var found = await delivery.FindExistingAsync(key, CancellationToken.None);
        var other = await delivery.FindExistingAsync(Key("week-2025-09-29"), CancellationToken.None);

        Assert.Equal(Api.Channels[Channel][0].Id, found);
        Assert.Null(other);
        Assert.All(Api.To(Messages).Where(r => r.Method == "GET"), r => Assert.Contains("limit=", r.Path));
    }

    [Fact]
    public async Task The_fake_lists_a_channels_messages_without_their_nonce_as_discord_does()
    {
        var (_, _, delivery) = await SenderAsync();
        await delivery.PostAsync(Key("week-2025-10-27"), Week(), CancellationToken.None);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Api.ApiBaseUrl}/channels/{Channel}/messages?limit=50");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bot", FakeDiscordApi.Token);
        request.Headers.UserAgent.ParseAdd(DiscordRestClient.UserAgent);

        using var response = await http.SendAsync(request);
        using var listed = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var message = Assert.Single(listed.RootElement.EnumerateArray());
        Assert.False(message.TryGetProperty("nonce", out _));
        Assert.True(message.GetProperty("embeds").GetArrayLength() > 0);
    }

    [Fact]
    public async Task A_crash_between_sending_and_recording_is_recovered_from_the_marker_after_discord_forgot_the_nonce()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (sender, ledger, delivery) = await SenderAsync(clock);
        var key = Key("week-2025-10-13");

        // A node claims the post, sends it, and dies before recording the message id.
        Assert.Equal(ClaimOutcome.Claimed, (await ledger.TryClaimAsync(key, "crashed-node/1", CancellationToken.None)).Outcome);
        var sent = await delivery.PostAsync(key, Week(), CancellationToken.None);

        // The claim goes stale long after enforce_nonce's few minutes: Discord no longer de-duplicates.
        Api.NonceWindow = TimeSpan.Zero;
        clock.Advance(new PostingLedgerOptions().ClaimLease + TimeSpan.FromMinutes(1));
        var outcome = await sender.SendAsync(key, Week(), CancellationToken.None);

        Assert.Equal(PostOutcome.Recovered, outcome);
        var posted = Assert.Single(Api.Channels[Channel]);
        Assert.Equal(sent.MessageId, posted.Id);
        Assert.Equal(posted.Id, Assert.Single(await ledger.ListAsync(null, CancellationToken.None)).MessageId);
        Assert.True(Api.Violations.IsEmpty, string.Join("\n", Api.Violations));
    }

    [Fact]
    public async Task Within_the_nonce_window_a_post_beyond_the_history_looked_at_is_not_sent_twice()
    {
        Api.ChannelLimit = 1000;
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (sender, ledger, delivery) = await SenderAsync(clock);
        var key = Key("week-2025-10-20");
        await ledger.TryClaimAsync(key, "crashed-node/2", CancellationToken.None);
        var sent = await delivery.PostAsync(key, Week(), CancellationToken.None);

        // A busy channel: the post is older than the history the recovery reads.
        for (var i = 0; i < DiscordPostDelivery.HistoryDepth + 5; i++)
        {
            await delivery.PostAsync(Key($"chatter-{i}"), Week(), CancellationToken.None);
        }

        clock.Advance(new PostingLedgerOptions().ClaimLease + TimeSpan.FromMinutes(1));
        var outcome = await sender.SendAsync(key, Week(), CancellationToken.None);

        Assert.Equal(PostOutcome.Sent, outcome);
        Assert.Single(Api.Channels[Channel], m => m.Nonce == key.Token);
        Assert.Equal(sent.MessageId, (await ledger.ListAsync(null, CancellationToken.None)).Single(r => r.Key == key).MessageId);
    }

    [Fact]
    public async Task A_week_as_long_as_a_message_allows_keeps_room_for_the_marker()
    {
        var (_, _, delivery) = await SenderAsync();
        var papers = Enumerable.Range(1, 60).Select(i => new PaperItem(
            new Paper($"p{i}", $"Paper {i:D3} {new string('x', 120)}", "Author One, Author Two", "SOSP 25", $"https://example.org/{i}"),
            new Requirement(i % 3 == 0, "Focus"), null, true)).ToArray();
        var reply = new Reply("Week 9", [new ReplyBlock.Papers("Readings", papers)], TimeZoneInfo.Utc);
        var key = Key("week-2025-11-03");

        var result = await delivery.PostAsync(key, reply, CancellationToken.None);

        Assert.True(result.IsSent, result.FailureReason);
        Assert.True(Api.Violations.IsEmpty, string.Join("\n", Api.Violations));
        Assert.True(Api.Channels[Channel].Count > 1);
        Assert.Equal(result.MessageId, await delivery.FindExistingAsync(key, CancellationToken.None));
    }

    [Theory]
    [InlineData("unknown", "does not exist (Unknown Channel)")]
    [InlineData("forbidden", "Missing Permissions")]
    public async Task A_missing_channel_or_permission_is_a_permanent_failure_that_says_what_to_fix(string problem, string expected)
    {
        (problem == "unknown" ? Api.UnknownChannels : Api.ForbiddenChannels).Add(Channel);
        var (sender, ledger, delivery) = await SenderAsync();

        var outcome = await sender.SendAsync(Key("week-2025-10-06"), Week(), CancellationToken.None);

        Assert.Equal(PostOutcome.PermanentFailure, outcome);
        Assert.Single(Api.To(Messages));
        Assert.Contains(expected, delivery.ChannelProblems[Channel]);
        Assert.Contains(expected, Assert.Single(await ledger.ListAsync(null, CancellationToken.None)).LastError);
    }

    [Fact]
    public async Task Announce_from_discord_posts_to_the_course_channel_once_even_when_asked_twice()
    {
        var config = CourseWithDiscordChannel();
        await using var bot = await DiscordBotHost.StartAsync(Api, Data.Path, configDirectory: config);

        var firstText = await AnnounceAsync(bot);
        var secondText = await AnnounceAsync(bot);
        Assert.Contains($"discord {Channel}: posted", firstText);
        Assert.Contains($"discord {Channel}: already posted earlier", secondText);
        var posted = Api.Channels[Channel];
        Assert.Contains("HybridFlow", posted[0].Body.GetRawText());
        Assert.Equal(posted.Count, posted.Select(p => p.Nonce).Distinct().Count());
        Assert.True(Api.Violations.IsEmpty, string.Join("\n", Api.Violations));
    }

    [Fact]
    public async Task A_course_with_public_replies_answers_students_visibly_but_errors_stay_private()
    {
        var config = CourseCopy.Create(Data.Path, course => course.Replace("studentReplies: private", "studentReplies: public", StringComparison.Ordinal));
        await using var bot = await DiscordBotHost.StartAsync(Api, Data.Path, configDirectory: config);

        using var reading = await bot.SendAsync(InteractionJson.Command("reading", ("week", "3")));
        using var missing = await bot.SendAsync(InteractionJson.Command("reading", ("week", "40")));

        using var visible = JsonDocument.Parse(await reading.Content.ReadAsStringAsync());
        using var problem = JsonDocument.Parse(await missing.Content.ReadAsStringAsync());
        Assert.False(visible.RootElement.GetProperty("data").TryGetProperty("flags", out _));
        Assert.Equal(MessageFlags.Ephemeral, problem.RootElement.GetProperty("data").GetProperty("flags").GetInt32());
    }

    /// <summary>The admin's reply: inline when ready at once, else (posting takes a while) the edit after "thinking…".</summary>
    private async Task<string> AnnounceAsync(DiscordBotHost bot)
    {
        const string original = "/webhooks/{webhook_id}/{webhook_token}/messages/@original";
        var editsBefore = Api.To(original).Count();
        using var response = await bot.SendAsync(InteractionJson.AdminCommand("announce", ("week", "3")));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        if (json.RootElement.GetProperty("type").GetInt32() == CallbackType.Message)
        {
            return Text(json.RootElement.GetProperty("data"));
        }

        await Eventually.WaitUntilAsync(() => Api.To(original).Count() > editsBefore, "the deferred answer's edit");
        return Text(Api.To(original).ElementAt(editsBefore).Body!.Value);
    }

    private static string Text(JsonElement message) =>
        string.Concat(message.GetProperty("embeds").EnumerateArray().SelectMany(InteractionEndpointTests.Texts));

    /// <summary>The sample course, copied, with a Discord channel to post to.</summary>
    private string CourseWithDiscordChannel() =>
        CourseCopy.Create(Data.Path, course => course.Replace("discord: []", $"discord: [\"{Channel}\"]", StringComparison.Ordinal));

    private static PostKey Key(string slot) => new("cs395t", slot, PostKinds.Announcement, "discord", Channel);

    private static Reply Week() => new("Week 3 · LLM Post-Training for Alignment", [new ReplyBlock.Paragraph(new Span.Text("Read HybridFlow, @everyone"))], TimeZoneInfo.Utc);

    private async Task<(PostSender<Reply> Sender, SqlitePostingLedger Ledger, DiscordPostDelivery Delivery)> SenderAsync(TimeProvider? ledgerClock = null)
    {
        var ledger = new SqlitePostingLedger($"Data Source={Path.Combine(Data.Path, "ledger.db")}", ledgerClock ?? TimeProvider.System, new PostingLedgerOptions());
        await ledger.EnsureSchemaAsync(CancellationToken.None);
        var rest = RestClients.DiscordClient(Api.ApiBaseUrl, TimeProvider.System);
        var delivery = new DiscordPostDelivery(rest, NullLogger<DiscordPostDelivery>.Instance);
        return (new PostSender<Reply>(ledger, [delivery], "test-node", NullLogger<PostSender<Reply>>.Instance), ledger, delivery);
    }
}
