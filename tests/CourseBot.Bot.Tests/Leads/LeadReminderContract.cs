using CourseBot.Bot.Delivery;
using CourseBot.Bot.Leads;
using CourseBot.Bot.Scheduling;
using CourseBot.Bot.Tests.Discord.Fakes;
using CourseBot.Bot.Tests.Http;
using CourseBot.Bot.Tests.Running;
using CourseBot.Core;
using CourseBot.Core.Calendar;
using CourseBot.Core.Leads;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Leads;

/// <summary>
/// The leads' reminders on the fake Discord, run on SQLite and on PostgreSQL: each lead is told privately at each lead
/// time, exactly once across nodes sharing the store and across a restart; a refused DM becomes one mention; a dropped
/// lead, a late sign-up and a reminder beyond the grace period get nothing.
/// </summary>
public abstract class LeadReminderContract : WithFakeDiscord
{
    protected const string Channel = "1200000000000000002";
    protected const string AReaL = "areal-arxiv25";

    // In this plan (two weeks per topic) AReaL is discussed Thu Sep 25, 12:30 Chicago (17:30Z); slides "17:00 1d" are
    // due Wed Sep 24, 17:00 Chicago (22:00Z). Written from the calendar, as Discord timestamps.
    private const string ClassAt = "<t:1758821400:f>";
    private const string SlidesAt = "<t:1758751200:f>";
    private static readonly DateTimeOffset Class = new(2025, 9, 25, 17, 30, 0, TimeSpan.Zero);

    protected static readonly LeadStudent Ada = new("discord", "42", "Ada Lovelace");
    protected static readonly LeadStudent Grace = new("discord", "43", "Grace Hopper");

    private static readonly LeadLimits Limits = new(2, 1, true, false);

    // Each test its own course id: the PostgreSQL database is shared by the tests of a class.
    private readonly string _courseId = "c" + Guid.NewGuid().ToString("N")[..10];

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 9, 1, 12, 0, 0, TimeSpan.Zero));

    /// <summary>One bot process's ledger and sign-up store on the shared database.</summary>
    protected abstract Task<(IPostingLedger Ledger, ILeadStore Store)> StorageAsync();

    [Fact]
    public async Task Each_lead_is_reminded_privately_at_each_lead_time_with_the_class_and_the_slides_deadline()
    {
        var node = await NodeAsync("node-a");
        var course = Course();
        await ClaimAsync(node, Ada);

        Clock.SetUtcNow(Class - TimeSpan.FromDays(2) - TimeSpan.FromSeconds(1));
        await node.Reminders.EnsureAsync(course, default);
        var before = Api.DirectMessagesTo(Ada.UserId).Count;
        Clock.SetUtcNow(Class - TimeSpan.FromDays(2));
        await node.Reminders.EnsureAsync(course, default);
        var atFirst = Api.DirectMessagesTo(Ada.UserId).ToArray();
        Clock.SetUtcNow(Class - TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1));
        await node.Reminders.EnsureAsync(course, default);
        var between = Api.DirectMessagesTo(Ada.UserId).Count;
        Clock.SetUtcNow(Class - TimeSpan.FromHours(1));
        await node.Reminders.EnsureAsync(course, default);

        Assert.Equal(0, before);
        var first = Assert.Single(atFirst).Body.GetProperty("embeds")[0].GetProperty("description").GetString();
        Assert.Contains("You lead **AReaL** on " + ClassAt + "; slides are due " + SlidesAt, first, StringComparison.Ordinal);
        Assert.Equal(1, between);
        Assert.Equal(2, Api.DirectMessagesTo(Ada.UserId).Count);
        Assert.Empty(Api.Channels.GetValueOrDefault(Channel) ?? []);
        Assert.Empty(Api.Violations);
    }

    [Fact]
    public async Task Two_nodes_at_once_and_a_restart_remind_each_lead_once()
    {
        var a = await NodeAsync("node-a");
        var b = await NodeAsync("node-b");
        var course = Course();
        await ClaimAsync(a, Ada);
        await ClaimAsync(a, Grace);
        Clock.SetUtcNow(Class - TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));

        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => (i % 2 == 0 ? a : b).Reminders.EnsureAsync(course, default))));
        var restarted = await NodeAsync("node-a-again");
        await restarted.Reminders.EnsureAsync(course, default);
        await b.Reminders.EnsureAsync(course, default);

        Assert.Single(Api.DirectMessagesTo(Ada.UserId));
        Assert.Single(Api.DirectMessagesTo(Grace.UserId));
        Assert.Equal(2, Api.To("/channels/{channel_id}/messages").Count(r => r.Method == "POST"));
    }

    [Fact]
    public async Task A_lead_who_refuses_direct_messages_is_mentioned_once_in_the_course_channel()
    {
        var a = await NodeAsync("node-a");
        var b = await NodeAsync("node-b");
        var course = Course();
        await ClaimAsync(a, Ada);
        Api.RefuseDirectMessages(Ada.UserId);
        Clock.SetUtcNow(Class - TimeSpan.FromDays(2));

        await a.Reminders.EnsureAsync(course, default);
        await b.Reminders.EnsureAsync(course, default);
        await (await NodeAsync("node-a-again")).Reminders.EnsureAsync(course, default);

        Assert.Empty(Api.DirectMessagesTo(Ada.UserId));
        var mention = Assert.Single(Api.Channels[Channel]).Body;
        Assert.Equal("<@42>", mention.GetProperty("content").GetString());
        Assert.Equal("42", mention.GetProperty("allowed_mentions").GetProperty("users")[0].GetString());
        Assert.Contains("You lead **AReaL**", mention.GetRawText(), StringComparison.Ordinal);
        // The DM was tried once; later passes find the mention in the ledger and do not try again.
        Assert.Single(Api.To("/channels/{channel_id}/messages"), r => r.Method == "POST" && r.Path.Contains(Api.DirectChannelOf(Ada.UserId)!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_lead_who_dropped_gets_nothing_and_one_who_signed_up_late_only_the_reminders_still_ahead()
    {
        var node = await NodeAsync("node-a");
        var course = Course();
        await ClaimAsync(node, Ada);
        await node.Store.DropAsync(_courseId, AReaL, Ada.Platform, Ada.UserId, default);
        Clock.SetUtcNow(Class - TimeSpan.FromDays(2) + TimeSpan.FromMinutes(5));
        await ClaimAsync(node, Grace);

        await node.Reminders.EnsureAsync(course, default);
        var afterFirstTime = Api.DirectMessagesTo(Grace.UserId).Count;
        Clock.SetUtcNow(Class - TimeSpan.FromHours(1));
        await node.Reminders.EnsureAsync(course, default);

        Assert.Empty(Api.DirectMessagesTo(Ada.UserId));
        Assert.Equal(0, afterFirstTime);
        Assert.Single(Api.DirectMessagesTo(Grace.UserId));
    }

    [Fact]
    public async Task A_reminder_missed_beyond_the_grace_period_is_recorded_as_skipped_and_never_sent()
    {
        var node = await NodeAsync("node-a", grace: TimeSpan.FromHours(1));
        var course = Course();
        await ClaimAsync(node, Ada);
        Clock.SetUtcNow(Class - TimeSpan.FromDays(2) + TimeSpan.FromHours(2));

        await node.Reminders.EnsureAsync(course, default);
        await (await NodeAsync("node-b")).Reminders.EnsureAsync(course, default);

        Assert.Empty(Api.DirectMessagesTo(Ada.UserId));
        var record = Assert.Single(await node.Ledger.ListAsync(_courseId, default));
        Assert.Equal((PostState.Skipped, PostKinds.LeadReminder, "@42"), (record.State, record.Key.Kind, record.Key.Channel));
    }

    protected async Task ClaimAsync(Node node, LeadStudent student) =>
        Assert.IsType<LeadClaim.Claimed>(await node.Store.ClaimAsync(_courseId, AReaL, student, Limits, Clock.GetUtcNow(), default));

    protected CourseSnapshot Course() => PostingBot.Course(d => d with
    {
        Id = _courseId,
        Channels = new CourseChannels([Channel], []),
        Leads = new LeadsPolicy
        {
            PerPaper = 2,
            Reminders = [TimeSpan.FromDays(2), TimeSpan.FromHours(1)],
            SlidesDue = new SlidesDeadline(new TimeOnly(17, 0), 1),
        },
    });

    /// <summary>One bot process: its own ledger and store on the shared database, REST client, sender and reminders.</summary>
    protected async Task<Node> NodeAsync(string name, TimeSpan? grace = null)
    {
        var (ledger, store) = await StorageAsync();
        var notice = new DiscordLeadNotice(RestClients.DiscordClient(Api.ApiBaseUrl, TimeProvider.System), NullLogger<DiscordLeadNotice>.Instance);
        var sender = new PostSender<PrivateNotice>(ledger, [notice], name, NullLogger<PostSender<PrivateNotice>>.Instance);
        var notices = new PrivateNotices(sender, [notice], ledger, NullLogger<PrivateNotices>.Instance);
        var options = Options.Create(new PostingOptions { GracePeriod = grace ?? TimeSpan.FromHours(12) });
        return new Node(ledger, store, new LeadReminders(store, notices, ledger, options, Clock, NullLogger<LeadReminders>.Instance));
    }

    protected sealed record Node(IPostingLedger Ledger, ILeadStore Store, LeadReminders Reminders);
}
