using CourseBot.Bot.Leads;
using CourseBot.Bot.Scheduling;
using CourseBot.Bot.Storage;
using CourseBot.Bot.Tests.Discord.Fakes;
using CourseBot.Bot.Tests.Testing;
using CourseBot.Core.Leads;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Tests.Leads.EndToEnd;

/// <summary>
/// The roster upkeep loop of a running bot, on virtual time: a sign-up made by another node straight in the shared
/// store shows within one <see cref="PostingOptions.ReconcileInterval"/>; a deleted roster message is posted again
/// exactly once and then edited.
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

    public override async Task DisposeAsync()
    {
        if (_discord is not null)
        {
            await _discord.DisposeAsync();
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
}
