using CourseBot.Bot.Delivery;
using CourseBot.Bot.Leads;
using CourseBot.Bot.Scheduling;
using CourseBot.Bot.Storage;
using CourseBot.Bot.Tests.Http;
using CourseBot.Bot.Tests.Running;
using CourseBot.Bot.Tests.Slack;
using CourseBot.Core.Calendar;
using CourseBot.Core.Leads;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Leads;

/// <summary>Lead reminders on the fake Slack: chat.postMessage to the user id, and one mention when Slack refuses it.</summary>
public sealed class SlackLeadNoticeTests : WithFakeSlack
{
    private const string Channel = "C0COURSE1";
    private static readonly LeadStudent Ada = new("slack", "U0ADA0001", "Ada Lovelace");

    // In this plan AReaL is discussed Thu Sep 25, 12:30 Chicago (17:30Z): its two-day reminder is due Tue Sep 23, 17:30Z.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 9, 23, 17, 30, 0, TimeSpan.Zero));

    public override async Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task A_reminder_is_a_message_to_the_user_id_carrying_its_ledger_token_once()
    {
        var node = await NodeAsync("node-a");
        await node.Store.ClaimAsync("cs395t", "areal-arxiv25", Ada, new LeadLimits(1, 1, false), _clock.GetUtcNow().AddDays(-3), default);

        await node.Reminders.EnsureAsync(Course(), default);
        await (await NodeAsync("node-b")).Reminders.EnsureAsync(Course(), default);

        var dm = Assert.Single(Slack.MessagesIn(Ada.UserId));
        Assert.Contains("You lead *AReaL*", dm.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("coursebot_post", dm["metadata"]?["event_type"]?.GetValue<string>());
        Assert.Empty(Slack.MessagesIn(Channel));
        Assert.Empty(Slack.Violations);
    }

    [Fact]
    public async Task A_refused_direct_message_becomes_one_mention_in_the_course_channel()
    {
        var node = await NodeAsync("node-a");
        await node.Store.ClaimAsync("cs395t", "areal-arxiv25", Ada, new LeadLimits(1, 1, false), _clock.GetUtcNow().AddDays(-3), default);
        Slack.ChannelErrors[Ada.UserId] = "channel_not_found";

        await node.Reminders.EnsureAsync(Course(), default);
        await (await NodeAsync("node-b")).Reminders.EnsureAsync(Course(), default);

        Assert.Empty(Slack.MessagesIn(Ada.UserId));
        var mention = Assert.Single(Slack.MessagesIn(Channel));
        Assert.StartsWith("<@U0ADA0001> ", mention["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("You lead *AReaL*", mention.ToJsonString(), StringComparison.Ordinal);
    }

    private static Core.CourseSnapshot Course() => PostingBot.Course(d => d with
    {
        Channels = new CourseChannels([], [Channel]),
        Leads = new LeadsPolicy { Reminders = [TimeSpan.FromDays(2)] },
    });

    private async Task<(ILeadStore Store, LeadReminders Reminders)> NodeAsync(string name)
    {
        var file = Path.Combine(Data.Path, "coursebot.db");
        var ledger = new SqlitePostingLedger($"Data Source={file}", _clock, new PostingLedgerOptions());
        await ledger.EnsureSchemaAsync(default);
        var store = new SqliteLeadStore($"Data Source={file}");
        await store.EnsureSchemaAsync(default);
        var notice = new SlackLeadNotice(RestClients.Slack(Slack.ApiBaseUrl, TimeProvider.System));
        var notices = new PrivateNotices(new PostSender<PrivateNotice>(ledger, [notice], name, NullLogger<PostSender<PrivateNotice>>.Instance), [notice], ledger, NullLogger<PrivateNotices>.Instance);
        return (store, new LeadReminders(store, notices, ledger, Options.Create(new PostingOptions()), _clock, NullLogger<LeadReminders>.Instance));
    }
}
