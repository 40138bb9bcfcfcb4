using CourseBot.Bot.Delivery;
using CourseBot.Bot.Discord;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Leads;
using CourseBot.Bot.Scheduling;
using CourseBot.Bot.Storage;
using CourseBot.Bot.Tests.Discord.Fakes;
using CourseBot.Bot.Tests.Http;
using CourseBot.Bot.Tests.Running;
using CourseBot.Bot.Tests.Testing;
using CourseBot.Core.Calendar;
using CourseBot.Core.Leads;
using CourseBot.Core.Replies;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Tests.Leads;

/// <summary>The running roster upkeep sleeps until a lead reminder is due and sends it at that instant.</summary>
public sealed class LeadReminderUpkeepTests : WithFakeDiscord
{
    private const string Channel = "1200000000000000002";

    // In this plan AReaL is discussed Thu Sep 25, 12:30 Chicago (17:30Z): its two-day reminder is due Tue Sep 23, 17:30Z.
    private static readonly DateTimeOffset ReminderDue = new(2025, 9, 23, 17, 30, 0, TimeSpan.Zero);

    private readonly TimerSignals _clock = new(ReminderDue - TimeSpan.FromHours(5));

    public override async Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task The_upkeep_wakes_at_the_reminder_s_instant_and_tells_the_lead_once()
    {
        var course = PostingBot.Course(d => d with
        {
            Channels = new CourseChannels([Channel], []),
            Leads = new LeadsPolicy { Reminders = [TimeSpan.FromDays(2)] },
        });
        var file = Path.Combine(Data.Path, "coursebot.db");
        var ledger = new SqlitePostingLedger($"Data Source={file}", _clock, new PostingLedgerOptions());
        await ledger.EnsureSchemaAsync(default);
        var store = new SqliteLeadStore($"Data Source={file}");
        await store.EnsureSchemaAsync(default);
        await store.ClaimAsync("cs395t", "areal-arxiv25", new LeadStudent("discord", "42", "Ada Lovelace"), new LeadLimits(1, 1, false), _clock.GetUtcNow(), default);

        var rest = RestClients.DiscordClient(Api.ApiBaseUrl, TimeProvider.System);
        var delivery = new DiscordPostDelivery(rest, NullLogger<DiscordPostDelivery>.Instance);
        var sender = new PostSender<Reply>(ledger, [delivery], "node", NullLogger<PostSender<Reply>>.Instance);
        var editor = new PostEditor<Reply>(ledger, sender, [delivery], "node", NullLogger<PostEditor<Reply>>.Instance);
        var notice = new DiscordLeadNotice(rest, NullLogger<DiscordLeadNotice>.Instance);
        var notices = new PrivateNotices(new PostSender<PrivateNotice>(ledger, [notice], "node", NullLogger<PostSender<PrivateNotice>>.Instance), [notice], ledger, NullLogger<PrivateNotices>.Instance);
        // The periodic pass a day away: only the reminder's instant can wake the upkeep in between.
        var options = Options.Create(new PostingOptions { ReconcileInterval = TimeSpan.FromDays(1) });
        var board = new RosterBoard(store, new PostTargets([delivery]), editor, notices, options, _clock, NullLogger<RosterBoard>.Instance);
        var reminders = new LeadReminders(store, notices, ledger, options, _clock, NullLogger<LeadReminders>.Instance);
        var catalog = new CourseCatalog();
        catalog.Publish(new CourseStatus(course, "v1", _clock.GetUtcNow(), null));
        using var upkeep = new RosterUpkeep(catalog, board, reminders, options, _clock, NullLogger<RosterUpkeep>.Instance);

        var sleeping = _clock.WaitForTimerAsync(TimeSpan.FromHours(5));
        await upkeep.StartAsync(default);
        await sleeping;
        var before = Api.DirectMessagesTo("42").Count;
        _clock.Advance(TimeSpan.FromHours(5));
        var told = await Eventually.WaitForAsync(() => Api.DirectMessagesTo("42").SingleOrDefault(), "the reminder's DM");
        await upkeep.StopAsync(default);

        Assert.Equal(0, before);
        Assert.Contains("You lead **AReaL**", told.Body.GetRawText(), StringComparison.Ordinal);
        Assert.Single(Api.DirectMessagesTo("42"));
    }
}
