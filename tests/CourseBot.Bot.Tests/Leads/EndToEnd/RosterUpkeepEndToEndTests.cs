using System.Text.Json.Nodes;
using CourseBot.Bot.Leads;
using CourseBot.Bot.Scheduling;
using CourseBot.Bot.Slack;
using CourseBot.Bot.Storage;
using CourseBot.Bot.Tests.Discord.Fakes;
using CourseBot.Bot.Tests.Slack;
using CourseBot.Bot.Tests.Testing;
using CourseBot.Core.Leads;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Tests.Leads.EndToEnd;

/// <summary>
/// The roster upkeep loop of a running bot, on virtual time: a sign-up made by another node straight in the shared
/// store shows within one <see cref="PostingOptions.ReconcileInterval"/>; a deleted roster message is posted again
/// exactly once and then edited; an update Slack refuses with 429 is tried again after the wait it asked for.
/// </summary>
public sealed class RosterUpkeepEndToEndTests : WithFakeDiscord
{
    /// <summary>An interval no other timer of the bot uses, so waiting for it is waiting for the loops that use it.</summary>
    private static readonly TimeSpan Interval = new(0, 4, 7);

    private const string HybridFlow = "hybridflow-eurosys25";
    private const string AReaL = "areal-arxiv25";

    private readonly CountingClock _clock = new(LeadsBotCourse.MondayOfWeek3);
    private int _asleep;
    private DiscordBotHost? _discord;
    private FakeSlack? _slack;
    private SlackBotHost? _slackBot;

    public override async Task DisposeAsync()
    {
        if (_discord is not null)
        {
            await _discord.DisposeAsync();
        }

        if (_slackBot is not null)
        {
            await _slackBot.DisposeAsync();
        }

        if (_slack is not null)
        {
            await _slack.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task A_sign_up_made_by_another_node_shows_within_one_interval_and_a_deleted_roster_is_posted_again_exactly_once()
    {
        _discord = await DiscordBotHost.StartAsync(Api, Path.Combine(Data.Path, "data"), configDirectory: LeadsBotCourse.Create(Data.Path), replace: Replace);
        var roster = await Eventually.WaitForAsync(() => Rosters().FirstOrDefault(), "the roster message");
        await SettledAsync();

        // Another node signs Ada up: this node hears nothing of it until its next full pass.
        var otherNode = new SqliteLeadStore(_discord.Services.GetRequiredService<IOptions<StorageOptions>>().Value.ResolveConnectionString());
        await otherNode.ClaimAsync(LeadsBotCourse.CourseId, HybridFlow, new LeadStudent("discord", "1610000000000000001", "Ada Lovelace"), Limits, _clock.GetUtcNow(), CancellationToken.None);
        _clock.Advance(Interval);
        await Eventually.WaitUntilAsync(() => Shows(roster.Id, "Ada Lovelace"), "Ada on the roster within one interval");
        await SettledAsync();

        // Staff delete the roster; the next change posts it again, once, and later changes edit that one.
        Assert.True(Api.DeleteMessage(LeadsBotCourse.DiscordChannel, roster.Id));
        await otherNode.ClaimAsync(LeadsBotCourse.CourseId, AReaL, new LeadStudent("discord", "1610000000000000002", "Grace Hopper"), Limits, _clock.GetUtcNow(), CancellationToken.None);
        _clock.Advance(Interval);
        var again = await Eventually.WaitForAsync(() => Rosters().FirstOrDefault(), "the roster posted again");
        await SettledAsync();
        await otherNode.DropAsync(LeadsBotCourse.CourseId, HybridFlow, "discord", "1610000000000000001", CancellationToken.None);
        _clock.Advance(Interval);
        await Eventually.WaitUntilAsync(() => !Shows(again.Id, "Ada Lovelace"), "the drop on the new roster");

        Assert.NotEqual(roster.Id, again.Id);
        Assert.Contains("Grace Hopper", Api.Find(LeadsBotCourse.DiscordChannel, again.Id)!.Body.GetRawText(), StringComparison.Ordinal);
        Assert.Single(Rosters());
        Assert.Equal(2, Api.To("/channels/{channel_id}/messages").Count(r => r.Method == "POST" && r.Body!.Value.GetRawText().Contains("Discussion leads", StringComparison.Ordinal)));
        Assert.Contains(Api.Edits, e => e.MessageId == again.Id);
        Assert.True(Api.Violations.IsEmpty, string.Join("\n", Api.Violations));
    }

    [Fact]
    public async Task A_roster_update_slack_refuses_with_429_is_tried_again_after_the_wait()
    {
        var (roster, otherNode) = await StartSlackAsync();

        // Every attempt of the client's own retries is refused: the upkeep itself must come back after Retry-After.
        _slack!.ForceUpdateRateLimits = SlackHttp.MaxAttempts;
        await otherNode.ClaimAsync(LeadsBotCourse.CourseId, HybridFlow, new LeadStudent("slack", "USTUDENTADA", "Ada Lovelace"), Limits, _clock.GetUtcNow(), CancellationToken.None);
        var mark = _clock.Mark();
        _clock.Advance(Interval);
        var updated = Eventually.WaitUntilAsync(() => SlackShows(roster, "Ada Lovelace"), "the roster updated after the wait");
        await _clock.AdvanceWhileWaitingAsync(TimeSpan.FromSeconds(1), updated, mark);

        Assert.Equal(SlackHttp.MaxAttempts + 1, _slack.To("chat.update").Count());
        Assert.Equal(SlackHttp.MaxAttempts, _slack.TooManyRequestsSent);
        Assert.Single(SlackRosters());
        Assert.True(_slack.Violations.IsEmpty, string.Join("\n", _slack.Violations));
    }

    [Fact]
    public async Task A_deleted_slack_roster_message_not_found_is_posted_again_exactly_once()
    {
        var (roster, otherNode) = await StartSlackAsync();

        Assert.True(_slack!.DeleteMessage(LeadsBotCourse.SlackChannel, roster));
        await otherNode.ClaimAsync(LeadsBotCourse.CourseId, HybridFlow, new LeadStudent("slack", "USTUDENTADA", "Ada Lovelace"), Limits, _clock.GetUtcNow(), CancellationToken.None);
        var mark = _clock.Mark();
        _clock.Advance(Interval);
        // The week's announcement may go out in the same pass: the fake's one post a second is waited out.
        var posted = Eventually.WaitForAsync(() => SlackRosters().FirstOrDefault(), "the roster posted again");
        var stepped = TimeSpan.FromSeconds(await _clock.AdvanceWhileWaitingAsync(TimeSpan.FromSeconds(1), posted, mark));
        var again = await posted;

        // The upkeep sleeps until its next full pass; then the drop edits the new message, and nothing posts a third.
        // (Without steps the post reconciler, woken by the same advance, sleeps that long too.)
        await _clock.WaitForTimersAsync(d => d == Interval - stepped, stepped == TimeSpan.Zero ? 2 : 1, mark, "the upkeep asleep after the re-post");
        await otherNode.DropAsync(LeadsBotCourse.CourseId, HybridFlow, "slack", "USTUDENTADA", CancellationToken.None);
        _clock.Advance(Interval - stepped);
        await Eventually.WaitUntilAsync(() => !SlackShows(again["ts"]!.GetValue<string>(), "Ada Lovelace"), "the drop on the new roster");

        Assert.NotEqual(roster, again["ts"]!.GetValue<string>());
        Assert.Contains("Ada Lovelace", again["blocks"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Single(SlackRosters());
        Assert.Equal(2, _slack.To("chat.postMessage").Count(c => c.Body["channel"]?.GetValue<string>() == LeadsBotCourse.SlackChannel && IsRoster(c.Body)));
        Assert.Contains(_slack.To("chat.update"), c => c.Body["ts"]?.GetValue<string>() == again["ts"]!.GetValue<string>());
        Assert.True(_slack.Violations.IsEmpty, string.Join("\n", _slack.Violations));
    }

    /// <summary>A bot on the fake Slack (sharing the clock); its roster's ts once both interval loops wait, and a second node's store.</summary>
    private async Task<(string Roster, SqliteLeadStore OtherNode)> StartSlackAsync()
    {
        _slack = await FakeSlack.StartAsync(_clock);
        _slackBot = await SlackBotHost.StartAsync(_slack, Path.Combine(Data.Path, "data"), configDirectory: LeadsBotCourse.Create(Data.Path), replace: Replace);
        // The week's announcement may go out at start beside the roster: the fake's one post a second is waited out.
        var posted = Eventually.WaitForAsync(() => SlackRosters().FirstOrDefault(), "the roster message");
        var waited = TimeSpan.FromSeconds(await _clock.AdvanceWhileWaitingAsync(TimeSpan.FromSeconds(1), posted, mark: 0));
        var roster = (await posted)["ts"]!.GetValue<string>();
        // The reconciler sleeps a full interval from the start, the upkeep what is left of it after its first pass;
        // bring both to the next full pass, after which each sleeps a whole interval again.
        if (waited > TimeSpan.Zero)
        {
            await _clock.WaitForTimersAsync(Interval - waited, 1);
            await _clock.WaitForTimersAsync(Interval, 1);
            _clock.Advance(Interval - waited);
            _asleep = 1;
        }

        await SettledAsync();
        return (roster, new SqliteLeadStore(_slackBot.Services.GetRequiredService<IOptions<StorageOptions>>().Value.ResolveConnectionString()));
    }

    private static readonly LeadLimits Limits = new(1, 1, Waitlist: true);

    private void Replace(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(_clock);
        services.PostConfigure<PostingOptions>(o => o.ReconcileInterval = Interval);
    }

    /// <summary>
    /// Both loops that run every interval (the post reconciler and the roster upkeep) have finished their pass and
    /// wait on the clock again: an advance now reaches them. Each pass of each loop ends with one such wait.
    /// </summary>
    private async Task SettledAsync()
    {
        _asleep += 2;
        await _clock.WaitForTimersAsync(Interval, _asleep);
    }

    private List<PostedMessage> Rosters()
    {
        var messages = Api.Channels.GetOrAdd(LeadsBotCourse.DiscordChannel, _ => []);
        lock (messages)
        {
            return [.. messages.Where(m => m.Body.GetRawText().Contains("\"title\":\"Discussion leads", StringComparison.Ordinal))];
        }
    }

    private bool Shows(string message, string name) =>
        Api.Find(LeadsBotCourse.DiscordChannel, message)?.Body.GetRawText().Contains(name, StringComparison.Ordinal) == true;

    private IEnumerable<JsonObject> SlackRosters() => _slack!.MessagesIn(LeadsBotCourse.SlackChannel).Where(IsRoster);

    private static bool IsRoster(JsonObject message) => message["text"]?.GetValue<string>().StartsWith("Discussion leads", StringComparison.Ordinal) == true;

    private bool SlackShows(string ts, string name) =>
        _slack!.MessagesIn(LeadsBotCourse.SlackChannel).FirstOrDefault(m => m["ts"]?.GetValue<string>() == ts)?["blocks"]?.ToJsonString().Contains(name, StringComparison.Ordinal) == true;
}
