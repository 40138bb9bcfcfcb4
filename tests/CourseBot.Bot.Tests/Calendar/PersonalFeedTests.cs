using System.Data.Common;
using CourseBot.Bot.Calendar;
using CourseBot.Bot.Delivery;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Leads;
using CourseBot.Bot.Storage;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Core.Leads;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Calendar;

/// <summary>
/// Leads in the course feed and each student's personal feed, over one SQLite file whose tables the ledger's schema
/// step created (sign-ups, revisions, tokens), as the running bot has them.
/// </summary>
public sealed class PersonalFeedTests : IAsyncLifetime
{
    internal const string HybridFlow = "hybridflow-eurosys25";
    internal const string HybridFlowClass = "cs395t.class.20250909T1230@coursebot";

    private static readonly LeadStudent Ada = new("discord", "1001", "Ada");
    private static readonly LeadStudent Grace = new("slack", "U0GRACE", "Grace");

    private readonly TempDirectory _temp = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 8, 20, 15, 0, 0, TimeSpan.Zero));
    private readonly CourseCatalog _catalog = new();
    private SqliteLeadStore _signups = null!;

    private string ConnectionString => new SqliteConnectionStringBuilder { DataSource = Path.Combine(_temp.Path, "coursebot.db") }.ToString();

    public async Task InitializeAsync()
    {
        // The bot's schema step: the ledger's tables (with the calendar's) and the sign-ups beside them.
        await new SqlitePostingLedger(ConnectionString, _time, new PostingLedgerOptions()).EnsureSchemaAsync(default);
        _signups = new SqliteLeadStore(ConnectionString);
        await _signups.EnsureSchemaAsync(default);
        _catalog.Publish(new CourseStatus(await CalendarFixtures.SampleAsync(), "v1", _time.GetUtcNow(), null));
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A fresh set of store objects over the same file: what a restarted bot opens.</summary>
    private CalendarFeeds Feeds() => new(_catalog, new SqlCalendarRevisions(OpenAsync, _time), _signups, Tokens());

    private SqlCalendarTokens Tokens() => new(OpenAsync, _time);

    private async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    private async Task ClaimAsync(LeadStudent student, string paper = HybridFlow) =>
        Assert.IsType<LeadClaim.Claimed>(await _signups.ClaimAsync("cs395t", paper, student, new LeadLimits(2, 1, Waitlist: true), _time.GetUtcNow(), default));

    [Fact]
    public async Task A_class_lists_its_leads_and_a_claim_raises_its_sequence_and_changes_the_etag()
    {
        var before = await Feeds().FindAsync("cs395t", default);
        var classBefore = Assert.Single(CalendarFixtures.Parse(before!).Events, e => e.Uid == HybridFlowClass);

        _time.Advance(TimeSpan.FromHours(1));
        await ClaimAsync(Ada);
        var after = await Feeds().FindAsync("cs395t", default);
        var calendar = CalendarFixtures.Parse(after!);
        var classAfter = Assert.Single(calendar.Events, e => e.Uid == HybridFlowClass);

        Assert.Contains("Discussion leads:\n• HybridFlow: 2 of 2 open\n", classBefore.Description, StringComparison.Ordinal);
        Assert.Contains("Discussion leads:\n• HybridFlow: Ada · 1 of 2 open\n", classAfter.Description, StringComparison.Ordinal);
        Assert.Equal(0, classBefore.Sequence);
        Assert.Equal(1, classAfter.Sequence);
        Assert.NotEqual(before!.ETag, after!.ETag);
        Assert.Equal(_time.GetUtcNow(), after.LastModified);
        // Only the class whose leads changed: the other classes say what they said.
        Assert.All(calendar.Events.Where(e => e.Uid != HybridFlowClass), e => Assert.Equal(0, e.Sequence));
        // Unchanged sign-ups: the same feed, the same ETag.
        Assert.Equal(after.ETag, (await Feeds().FindAsync("cs395t", default))!.ETag);
    }

    [Fact]
    public async Task A_course_that_hides_names_lists_leads_as_taken()
    {
        var hidden = await CalendarFixtures.EditedAsync(_temp.Path, text => text.Replace("showNames: true", "showNames: false", StringComparison.Ordinal));
        _catalog.Publish(new CourseStatus(hidden, "hidden", _time.GetUtcNow(), null));
        await ClaimAsync(new LeadStudent("discord", "1003", "Zelda Quokka"));

        var feed = await Feeds().FindAsync("cs395t", default);

        var tuesday = Assert.Single(CalendarFixtures.Parse(feed!).Events, e => e.Uid == HybridFlowClass);
        Assert.Contains("• HybridFlow: taken · 1 of 2 open", tuesday.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("Quokka", System.Text.Encoding.UTF8.GetString(feed!.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_personal_feed_holds_the_class_the_student_leads_and_the_slides_deadline_with_alarms()
    {
        await ClaimAsync(Ada);
        await ClaimAsync(Grace, "megatron-sc21");
        var token = await Tokens().TokenForAsync("cs395t", Ada.Platform, Ada.UserId, default);

        var feed = await Feeds().FindPersonalAsync("cs395t", token, default);

        var calendar = CalendarFixtures.Parse(feed!);
        Assert.Equal(2, calendar.Events.Count);
        var lead = Assert.Single(calendar.Events, e => e.Uid!.StartsWith("cs395t.lead.hybridflow-eurosys25.", StringComparison.Ordinal));
        Assert.Equal("CS 395T · You lead: HybridFlow", lead.Summary);
        Assert.Equal(new DateTime(2025, 9, 9, 17, 30, 0, DateTimeKind.Utc), lead.DtStart!.AsUtc);
        Assert.Equal(new DateTime(2025, 9, 9, 19, 0, 0, DateTimeKind.Utc), lead.DtEnd!.AsUtc);
        Assert.Contains("HybridFlow: A Flexible and Efficient RLHF Framework", lead.Description, StringComparison.Ordinal);
        Assert.Contains("https://dl.acm.org/doi/10.1145/3689031.3696075", lead.Description, StringComparison.Ordinal);
        // The course's lead reminders (2d, 3h) as alarms before the class.
        Assert.Equal([TimeSpan.FromDays(-2), TimeSpan.FromHours(-3)], lead.Alarms.Select(a => a.Trigger!.Duration!.Value.ToTimeSpanUnspecified()).Order().ToArray());
        var slides = Assert.Single(calendar.Events, e => e.Uid!.StartsWith("cs395t.slides.hybridflow-eurosys25.", StringComparison.Ordinal));
        Assert.Equal("CS 395T · Slides due: HybridFlow", slides.Summary);
        // "17:00 1d": Monday Sep 8, 17:00 in Chicago (CDT).
        Assert.Equal(new DateTime(2025, 9, 8, 22, 0, 0, DateTimeKind.Utc), slides.DtStart!.AsUtc);
        Assert.Equal([TimeSpan.FromHours(-3)], slides.Alarms.Select(a => a.Trigger!.Duration!.Value.ToTimeSpanUnspecified()));
        Assert.DoesNotContain("Megatron", System.Text.Encoding.UTF8.GetString(feed!.Body), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("America/Chicago", Assert.Single(calendar.TimeZones).TzId);
    }

    [Fact]
    public async Task A_student_gets_the_same_token_every_time_and_after_a_restart()
    {
        var first = await Tokens().TokenForAsync("cs395t", Ada.Platform, Ada.UserId, default);
        var again = await Tokens().TokenForAsync("cs395t", Ada.Platform, Ada.UserId, default);
        SqliteConnection.ClearAllPools();
        var restarted = Tokens();
        var afterRestart = await restarted.TokenForAsync("cs395t", Ada.Platform, Ada.UserId, default);
        var grace = await restarted.TokenForAsync("cs395t", Grace.Platform, Grace.UserId, default);

        Assert.Equal(first, again);
        Assert.Equal(first, afterRestart);
        Assert.NotEqual(first, grace);
        Assert.True(SqlCalendarTokens.IsWellFormed(first), first);
        Assert.Equal(new CalendarTokenOwner(Ada.Platform, Ada.UserId), await restarted.FindAsync("cs395t", first, default));
        // The store keeps the token's hash, never the token.
        var stored = string.Concat(Directory.GetFiles(_temp.Path, "coursebot.db*").Select(f => System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(f))));
        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(first))), stored, StringComparison.Ordinal);
        Assert.DoesNotContain(first, stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calendar_new_gives_a_new_token_that_stays_and_the_old_one_stops_working()
    {
        var old = await Tokens().TokenForAsync("cs395t", Ada.Platform, Ada.UserId, default);

        var renewed = await Tokens().RenewAsync("cs395t", Ada.Platform, Ada.UserId, default);
        var askedAgain = await Tokens().TokenForAsync("cs395t", Ada.Platform, Ada.UserId, default);

        Assert.NotEqual(old, renewed);
        Assert.Equal(renewed, askedAgain);
        Assert.Null(await Feeds().FindPersonalAsync("cs395t", old, default));
        Assert.NotNull(await Feeds().FindPersonalAsync("cs395t", renewed, default));
        // Another student's address is not touched.
        var grace = await Tokens().TokenForAsync("cs395t", Grace.Platform, Grace.UserId, default);
        await Tokens().RenewAsync("cs395t", Ada.Platform, Ada.UserId, default);
        Assert.NotNull(await Feeds().FindPersonalAsync("cs395t", grace, default));
    }

    [Fact]
    public async Task A_malformed_unknown_or_other_courses_token_finds_no_feed()
    {
        var ada = await Tokens().TokenForAsync("cs395t", Ada.Platform, Ada.UserId, default);
        var otherCourse = await Tokens().TokenForAsync("cs999", Ada.Platform, Ada.UserId, default);
        var unknown = ada[..^1] + (ada[^1] == 'A' ? 'B' : 'A');

        Assert.NotNull(await Feeds().FindPersonalAsync("cs395t", ada, default));
        Assert.Null(await Feeds().FindPersonalAsync("cs395t", otherCourse, default));
        Assert.Null(await Feeds().FindPersonalAsync("cs395t", unknown, default));
        Assert.Null(await Feeds().FindPersonalAsync("cs395t", "not-a-token", default));
        Assert.Null(await Feeds().FindPersonalAsync("cs395t", "", default));
        Assert.Null(await Feeds().FindPersonalAsync("cs999", ada, default));
    }
}
