using System.Text.Json;
using CourseBot.Bot.Discord;
using CourseBot.Bot.Discord.Interactions;
using CourseBot.Bot.Discord.Rest;
using CourseBot.Bot.Scheduling;
using CourseBot.Bot.Tests.Running;
using CourseBot.Bot.Tests.Discord.Fakes;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Core.Replies;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Tests.Discord;

/// <summary>Announcements and reminders to Discord channels, through the ledger: exactly once, no pings, clear refusals.</summary>
public sealed class DiscordPostingTests : IAsyncLifetime
{
    private const string Channel = "1200000000000000001";
    private const string Messages = "/channels/{channel_id}/messages";
    private readonly TempDirectory _data = new();
    private FakeDiscordApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeDiscordApi.StartAsync();

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task A_post_carries_the_ledger_token_as_an_enforced_nonce_and_its_message_id_is_recorded()
    {
        var (sender, ledger, _) = await SenderAsync();
        var key = Key("week-2025-09-08");

        var outcome = await sender.SendAsync(key, Week(), CancellationToken.None);

        Assert.Equal(PostOutcome.Sent, outcome);
        var posted = Assert.Single(_api.Channels[Channel]);
        Assert.Equal(key.Token, posted.Nonce);
        Assert.True(posted.Body.GetProperty("enforce_nonce").GetBoolean());
        Assert.Equal(0, posted.Body.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
        Assert.True(_api.Violations.IsEmpty, string.Join("\n", _api.Violations));
        var record = Assert.Single(await ledger.ListAsync(null, CancellationToken.None));
        Assert.Equal(posted.Id, record.MessageId);
    }

    [Fact]
    public async Task A_response_lost_after_discord_stored_the_post_is_retried_without_a_second_message()
    {
        _api.LoseResponsesAfterCreate = 1;
        var (sender, ledger, _) = await SenderAsync();

        var outcome = await sender.SendAsync(Key("week-2025-09-15"), Week(), CancellationToken.None);

        Assert.Equal(PostOutcome.Sent, outcome);
        Assert.Equal(2, _api.To(Messages).Count());
        var posted = Assert.Single(_api.Channels[Channel]);
        Assert.Equal(posted.Id, Assert.Single(await ledger.ListAsync(null, CancellationToken.None)).MessageId);
    }

    [Fact]
    public async Task A_post_found_in_the_channel_history_by_its_nonce_is_recognised()
    {
        var (_, _, delivery) = await SenderAsync();
        var key = Key("week-2025-09-22");
        await delivery.PostAsync(key, Week(), CancellationToken.None);

        var found = await delivery.FindExistingAsync(key, CancellationToken.None);
        var other = await delivery.FindExistingAsync(Key("week-2025-09-29"), CancellationToken.None);

        Assert.Equal(_api.Channels[Channel][0].Id, found);
        Assert.Null(other);
    }

    [Theory]
    [InlineData("unknown", "does not exist (Unknown Channel)")]
    [InlineData("forbidden", "Missing Permissions")]
    public async Task A_missing_channel_or_permission_is_a_permanent_failure_that_says_what_to_fix(string problem, string expected)
    {
        (problem == "unknown" ? _api.UnknownChannels : _api.ForbiddenChannels).Add(Channel);
        var (sender, ledger, delivery) = await SenderAsync();

        var outcome = await sender.SendAsync(Key("week-2025-10-06"), Week(), CancellationToken.None);

        Assert.Equal(PostOutcome.PermanentFailure, outcome);
        Assert.Single(_api.To(Messages));
        Assert.Contains(expected, delivery.ChannelProblems[Channel]);
        Assert.Contains(expected, Assert.Single(await ledger.ListAsync(null, CancellationToken.None)).LastError);
    }

    [Fact]
    public async Task Announce_from_discord_posts_to_the_course_channel_once_even_when_asked_twice()
    {
        var config = CourseWithDiscordChannel();
        await using var bot = await DiscordBotHost.StartAsync(_api, _data.Path, configDirectory: config);

        var firstText = await AnnounceAsync(bot);
        var secondText = await AnnounceAsync(bot);
        Assert.Contains($"discord {Channel}: posted", firstText);
        Assert.Contains($"discord {Channel}: already posted earlier", secondText);
        var posted = _api.Channels[Channel];
        Assert.Contains("HybridFlow", posted[0].Body.GetRawText());
        Assert.Equal(posted.Count, posted.Select(p => p.Nonce).Distinct().Count());
        Assert.True(_api.Violations.IsEmpty, string.Join("\n", _api.Violations));
    }

    [Fact]
    public async Task A_course_with_public_replies_answers_students_visibly_but_errors_stay_private()
    {
        var config = CourseCopy.Create(_data.Path, course => course.Replace("studentReplies: private", "studentReplies: public", StringComparison.Ordinal));
        await using var bot = await DiscordBotHost.StartAsync(_api, _data.Path, configDirectory: config);

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
        var editsBefore = _api.To(original).Count();
        using var response = await bot.SendAsync(InteractionJson.AdminCommand("announce", ("week", "3")));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        if (json.RootElement.GetProperty("type").GetInt32() == CallbackType.Message)
        {
            return Text(json.RootElement.GetProperty("data"));
        }

        for (var i = 0; i < 500 && _api.To(original).Count() == editsBefore; i++)
        {
            await Task.Delay(10);
        }

        return Text(_api.To(original).ElementAt(editsBefore).Body!.Value);
    }

    private static string Text(JsonElement message) =>
        string.Concat(message.GetProperty("embeds").EnumerateArray().SelectMany(InteractionEndpointTests.Texts));

    /// <summary>The sample course, copied, with a Discord channel to post to.</summary>
    private string CourseWithDiscordChannel() =>
        CourseCopy.Create(_data.Path, course => course.Replace("discord: []", $"discord: [\"{Channel}\"]", StringComparison.Ordinal));

    private static PostKey Key(string slot) => new("cs395t", slot, PostKinds.Announcement, "discord", Channel);

    private static Reply Week() => new("Week 3 · LLM Post-Training for Alignment", [new ReplyBlock.Paragraph(new Span.Text("Read HybridFlow, @everyone"))], TimeZoneInfo.Utc);

    private async Task<(PostSender<Reply> Sender, SqlitePostingLedger Ledger, DiscordPostDelivery Delivery)> SenderAsync()
    {
        var ledger = new SqlitePostingLedger($"Data Source={Path.Combine(_data.Path, "ledger.db")}", TimeProvider.System, new PostingLedgerOptions());
        await ledger.EnsureSchemaAsync(CancellationToken.None);
        var rest = new DiscordRestClient(new HttpClient(), new DiscordRateLimiter(TimeProvider.System), new DiscordCircuit(TimeProvider.System),
            Options.Create(new DiscordOptions { BotToken = FakeDiscordApi.Token, ApplicationId = FakeDiscordApi.ApplicationId, ApiBaseUrl = _api.ApiBaseUrl, RetryBackoff = TimeSpan.FromMilliseconds(20) }),
            TimeProvider.System, NullLogger<DiscordRestClient>.Instance);
        var delivery = new DiscordPostDelivery(rest, NullLogger<DiscordPostDelivery>.Instance);
        return (new PostSender<Reply>(ledger, [delivery], "test-node", NullLogger<PostSender<Reply>>.Instance), ledger, delivery);
    }
}
