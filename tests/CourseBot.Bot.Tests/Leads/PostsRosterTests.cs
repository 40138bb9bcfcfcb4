using CourseBot.Bot.Delivery;
using CourseBot.Bot.Discord;
using CourseBot.Bot.Leads;
using CourseBot.Bot.Scheduling;
using CourseBot.Bot.Storage;
using CourseBot.Bot.Tests.Discord.Fakes;
using CourseBot.Bot.Tests.Http;
using CourseBot.Bot.Tests.Running;
using CourseBot.Core;
using CourseBot.Core.Calendar;
using CourseBot.Core.Leads;
using CourseBot.Core.Replies;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Leads;

/// <summary>The roster messages on the fake Discord: posted once when sign-ups open, edited in place, re-posted once; released papers.</summary>
public sealed class PostsRosterTests : WithFakeDiscord
{
    private const string Channel = "1200000000000000002";
    private static readonly DateTimeOffset Opens = new(2025, 8, 25, 15, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Opens.AddHours(-1));

    [Fact]
    public async Task The_term_roster_goes_out_once_when_sign_ups_open_and_not_before()
    {
        var node = await NodeAsync("node-a");
        var course = Course(RosterScope.Term);

        await node.Board.EnsureAsync(course, CancellationToken.None);
        var before = Api.Channels.GetValueOrDefault(Channel)?.Count ?? 0;
        _clock.Advance(TimeSpan.FromHours(1));
        await node.Board.EnsureAsync(course, CancellationToken.None);
        await (await NodeAsync("node-b")).Board.EnsureAsync(course, CancellationToken.None);

        Assert.Equal(0, before);
        var roster = Assert.Single(Api.Channels[Channel]);
        Assert.Contains("Discussion leads", roster.Body.GetRawText());
        Assert.Empty(Api.Edits);
    }

    [Fact]
    public async Task A_claim_edits_the_roster_in_place_once_and_a_deleted_roster_is_posted_again_once()
    {
        var node = await NodeAsync("node-a");
        var course = Course(RosterScope.Term);
        _clock.Advance(TimeSpan.FromHours(1));
        await node.Board.EnsureAsync(course, CancellationToken.None);
        var original = Assert.Single(Api.Channels[Channel]);
        var paper = LeadCatalog.For(course)!.Papers[0];

        await node.Store.ClaimAsync("cs395t", paper.Key, new LeadStudent("discord", "42", "Ada Lovelace"), new LeadLimits(2, 1, true, false), _clock.GetUtcNow(), CancellationToken.None);
        await node.Board.EnsureAsync(course, CancellationToken.None);
        await (await NodeAsync("node-b")).Board.EnsureAsync(course, CancellationToken.None);

        var edit = Assert.Single(Api.Edits);
        Assert.Equal(original.Id, edit.MessageId);
        Assert.Contains("Ada Lovelace", Api.Find(Channel, original.Id)!.Body.GetRawText());
        Assert.Single(Api.Channels[Channel]);

        Api.DeleteMessage(Channel, original.Id);
        await node.Store.ClaimAsync("cs395t", paper.Key, new LeadStudent("discord", "43", "Grace Hopper"), new LeadLimits(2, 1, true, false), _clock.GetUtcNow(), CancellationToken.None);
        await node.Board.EnsureAsync(course, CancellationToken.None);
        var repost = Assert.Single(Api.Channels[Channel]);
        Api.DeleteMessage(Channel, repost.Id);
        await node.Store.DropAsync("cs395t", paper.Key, "discord", "43", CancellationToken.None);
        await node.Board.EnsureAsync(course, CancellationToken.None);

        Assert.NotEqual(original.Id, repost.Id);
        Assert.Contains("Grace Hopper", repost.Body.GetRawText());
        Assert.Empty(Api.Channels[Channel]);
        Assert.Equal(2, Api.To("/channels/{channel_id}/messages").Count(r => r.Method == "POST"));
    }

    [Fact]
    public async Task A_paper_that_can_no_longer_be_led_is_released_and_its_lead_told_once_privately()
    {
        var node = await NodeAsync("node-a");
        var course = Course(RosterScope.Term);
        _clock.Advance(TimeSpan.FromHours(1));
        var paper = LeadCatalog.For(course)!.Papers[0];
        await node.Store.ClaimAsync("cs395t", paper.Key, new LeadStudent("discord", "42", "Ada Lovelace"), new LeadLimits(2, 1, true, false), _clock.GetUtcNow(), CancellationToken.None);
        await node.Board.EnsureAsync(course, CancellationToken.None);

        // The course file now lists the papers students lead, without this one.
        var changed = Course(RosterScope.Term, p => p with { Papers = LeadablePapers.Listed, PaperKeys = [LeadCatalog.For(course)!.Papers[1].Key] });
        await node.Board.EnsureAsync(changed, CancellationToken.None);
        await (await NodeAsync("node-b")).Board.EnsureAsync(changed, CancellationToken.None);

        Assert.Empty(await node.Store.ListAsync("cs395t", CancellationToken.None));
        // Told privately, once: a DM to the lead, nothing about them in the course channel.
        var notice = Assert.Single(Api.DirectMessagesTo("42"));
        Assert.Contains("released", notice.Body.GetRawText(), StringComparison.Ordinal);
        Assert.Contains(paper.Paper.Title ?? paper.Key, notice.Body.GetRawText());
        var roster = Assert.Single(Api.Channels[Channel]);
        Assert.DoesNotContain("Ada Lovelace", Api.Find(Channel, roster.Id)!.Body.GetRawText());
    }

    [Fact]
    public async Task A_release_notice_refused_for_now_keeps_the_sign_up_until_the_student_is_told()
    {
        var node = await NodeAsync("node-a");
        var course = Course(RosterScope.Term);
        _clock.Advance(TimeSpan.FromHours(1));
        var paper = LeadCatalog.For(course)!.Papers[0];
        await node.Store.ClaimAsync("cs395t", paper.Key, new LeadStudent("discord", "42", "Ada Lovelace"), new LeadLimits(2, 1, true, false), _clock.GetUtcNow(), CancellationToken.None);
        await node.Board.EnsureAsync(course, CancellationToken.None);
        var changed = Course(RosterScope.Term, p => p with { Papers = LeadablePapers.Listed, PaperKeys = [LeadCatalog.For(course)!.Papers[1].Key] });

        // Discord is down for direct messages: the notice cannot go out now.
        Api.Intercept = (request, http) =>
            request.Method == "POST" && request.Template == FakeDiscordApi.DirectMessageTemplate ? FakeDiscordApi.Error(503, 0, "Service Unavailable") : null;
        var retry = await node.Board.EnsureAsync(changed, CancellationToken.None);
        var kept = await node.Store.ListAsync("cs395t", CancellationToken.None);
        Api.Intercept = null;
        await node.Board.EnsureAsync(changed, CancellationToken.None);

        Assert.NotNull(retry);
        Assert.Equal(paper.Key, Assert.Single(kept).PaperKey);
        Assert.Empty(await node.Store.ListAsync("cs395t", CancellationToken.None));
        Assert.Contains("released", Assert.Single(Api.DirectMessagesTo("42")).Body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_paper_that_moved_keeps_its_lead_and_the_rosters_of_both_weeks_are_edited()
    {
        var node = await NodeAsync("node-a");
        var course = Course(RosterScope.Week);
        _clock.Advance(TimeSpan.FromHours(1));
        await node.Board.EnsureAsync(course, CancellationToken.None);
        // Week 3 starts the second topic.
        var paper = LeadCatalog.For(course)!.Papers.First(p => p.WeekStart == new DateOnly(2025, 9, 8));
        await node.Store.ClaimAsync("cs395t", paper.Key, new LeadStudent("discord", "42", "Ada Lovelace"), new LeadLimits(2, 1, true, false), _clock.GetUtcNow(), CancellationToken.None);
        await node.Board.EnsureAsync(course, CancellationToken.None);
        var oldWeek = RosterMessage(course, paper.WeekStart);
        Assert.Contains("Ada Lovelace", Api.Find(Channel, oldWeek)!.Body.GetRawText());

        // The first topic now starts a week later: every paper moves one week on.
        var moved = Course(RosterScope.Week, change: d => d with { Plan = [d.Plan![0] with { Weeks = 3 }, .. d.Plan.Skip(1)] });
        var movedPaper = LeadCatalog.For(moved)!.Find(paper.Key)!;
        Assert.NotEqual(paper.WeekStart, movedPaper.WeekStart);
        var again = await node.Board.EnsureAsync(moved, CancellationToken.None);
        Assert.Null(again);

        Assert.Single(await node.Store.ListAsync("cs395t", CancellationToken.None));
        var newWeek = RosterMessage(moved, movedPaper.WeekStart);
        Assert.DoesNotContain("Ada Lovelace", Api.Find(Channel, oldWeek)!.Body.GetRawText());
        Assert.Contains("Ada Lovelace", Api.Find(Channel, newWeek)!.Body.GetRawText());
        Assert.Contains(Api.Edits, e => e.MessageId == oldWeek);
    }

    private string RosterMessage(CourseSnapshot course, DateOnly week)
    {
        var key = new PostKey("cs395t", week.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), PostKinds.Roster, "discord", Channel);
        return Api.Channels[Channel].Single(m => m.Nonce == key.Token).Id;
    }

    private static CourseSnapshot Course(RosterScope scope, Func<LeadsPolicy, LeadsPolicy>? policy = null, Func<CourseDefinition, CourseDefinition>? change = null)
    {
        var leads = new LeadsPolicy { PerPaper = 2, Waitlist = true, Opens = Opens, Roster = scope };
        return PostingBot.Course(d =>
        {
            var withLeads = d with { Leads = policy is null ? leads : policy(leads), Channels = new CourseChannels([Channel], []) };
            return change is null ? withLeads : change(withLeads);
        });
    }

    /// <summary>One bot process: its own ledger and lead store on the shared SQLite file, REST client, sender, editor and board.</summary>
    private async Task<Node> NodeAsync(string name)
    {
        var file = Path.Combine(Data.Path, "coursebot.db");
        var ledger = new SqlitePostingLedger($"Data Source={file}", _clock, new PostingLedgerOptions());
        await ledger.EnsureSchemaAsync(CancellationToken.None);
        var store = new SqliteLeadStore($"Data Source={file}");
        await store.EnsureSchemaAsync(CancellationToken.None);
        var delivery = new DiscordPostDelivery(RestClients.DiscordClient(Api.ApiBaseUrl, TimeProvider.System), NullLogger<DiscordPostDelivery>.Instance);
        var sender = new PostSender<Reply>(ledger, [delivery], name, NullLogger<PostSender<Reply>>.Instance);
        var editor = new PostEditor<Reply>(ledger, sender, [delivery], name, NullLogger<PostEditor<Reply>>.Instance);
        var notice = new DiscordLeadNotice(RestClients.DiscordClient(Api.ApiBaseUrl, TimeProvider.System), NullLogger<DiscordLeadNotice>.Instance);
        var notices = new PrivateNotices(new PostSender<PrivateNotice>(ledger, [notice], name, NullLogger<PostSender<PrivateNotice>>.Instance), [notice], ledger, NullLogger<PrivateNotices>.Instance);
        var board = new RosterBoard(store, new PostTargets([delivery]), editor, notices, Options.Create(new PostingOptions()), _clock, NullLogger<RosterBoard>.Instance);
        return new Node(store, board);
    }

    private sealed record Node(SqliteLeadStore Store, RosterBoard Board);
}
