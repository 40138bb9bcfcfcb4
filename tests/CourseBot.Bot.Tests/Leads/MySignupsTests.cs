using CourseBot.Bot.Delivery;
using CourseBot.Bot.Discord.Commands;
using CourseBot.Bot.Discord.Interactions;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Leads;
using CourseBot.Bot.Local;
using CourseBot.Bot.Scheduling;
using CourseBot.Bot.Storage;
using CourseBot.Bot.Tests.Running;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Core;
using CourseBot.Core.Calendar;
using CourseBot.Core.Commands;
using CourseBot.Core.Leads;
using CourseBot.Core.Questions;
using CourseBot.Core.Replies;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Leads;

/// <summary>
/// "/leads mine" and "what am I leading", a drop after sign-ups closed, and the private notices of the console's students
/// (a promotion told once; a reminder in the issue's words) over a real SQLite store and ledger.
/// </summary>
public sealed class MySignupsTests : IAsyncLifetime
{
    private static readonly LeadStudent Ada = new(LeadDeskSetup.ConsolePlatform, "ada", "Ada");
    private static readonly LeadStudent Grace = new(LeadDeskSetup.ConsolePlatform, "grace", "Grace");

    private readonly TempDirectory _folder = new();
    private readonly StringWriter _terminal = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 9, 1, 15, 0, 0, TimeSpan.Zero));
    private SqliteLeadStore _store = null!;
    private SqlitePostingLedger _ledger = null!;
    private PrivateNotices _notices = null!;

    public async Task InitializeAsync()
    {
        var file = Path.Combine(_folder.Path, "coursebot.db");
        _ledger = new SqlitePostingLedger($"Data Source={file}", _clock, new PostingLedgerOptions());
        await _ledger.EnsureSchemaAsync(default);
        _store = new SqliteLeadStore($"Data Source={file}");
        await _store.EnsureSchemaAsync(default);
        var console = new ConsoleLeadNotice(new LocalConsole(new StringReader(""), _terminal));
        _notices = new PrivateNotices(new PostSender<PrivateNotice>(_ledger, [console], "node", NullLogger<PostSender<PrivateNotice>>.Instance), [console], _ledger, NullLogger<PrivateNotices>.Instance);
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Leads_mine_lists_the_asker_s_lead_with_class_and_slides_and_their_waitlist_place()
    {
        var course = Course();
        await AskAsync(course, Grace, "/lead hybridflow-eurosys25");
        await AskAsync(course, Ada, "/lead areal-arxiv25");
        await _store.ClaimAsync(course.Course.Id, "hybridflow-eurosys25", Ada, new LeadLimits(1, 2, true), _clock.GetUtcNow(), default);

        var mine = Text(await AskAsync(course, Ada, "/leads mine"));
        var none = await AskAsync(course, new LeadStudent(LeadDeskSetup.ConsolePlatform, "alan", "Alan"), "/leads mine");

        // This plan discusses AReaL Thu Sep 25, 12:30 (week 5) and HybridFlow Tue Sep 23, 12:30; slides "17:00 1d".
        Assert.Contains("You lead AReaL on Thu Sep 25, 12:30 (Week 5). Slides are due Wed Sep 24, 17:00.", mine, StringComparison.Ordinal);
        Assert.Contains("You are #1 on the waitlist for HybridFlow (Week 5, Tue Sep 23, 12:30).", mine, StringComparison.Ordinal);
        Assert.DoesNotContain("Grace", mine, StringComparison.Ordinal);
        Assert.False(none.IsError);
        Assert.Contains("You have not signed up to lead a paper; /lead <paper>", Text(none), StringComparison.Ordinal);
    }

    [Fact]
    public void Leads_mine_is_typed_on_every_platform_and_chosen_from_discord_s_action_option()
    {
        var discord = new DiscordInteraction("1", "t", InteractionKind.ApplicationCommand, "c", "g", "1001", 0, "leads", [new InteractionOption("action", "mine", false)]);

        Assert.Equal(new CourseCommand.Leads(null, null, Mine: true), CommandParser.Parse("/leads mine"));
        Assert.Equal(new CourseCommand.Leads(null, null, Mine: true), DiscordCommands.ToCommand(discord));
        Assert.Empty(DiscordCommands.Problems(DiscordCommands.Definitions));
        Assert.Contains("/leads mine", Text(HelpReply.Create(Course())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_am_I_leading_is_answered_with_the_asker_s_own_sign_ups()
    {
        var course = Course();
        await AskAsync(course, Ada, "/lead areal-arxiv25");
        // As CourseConversation routes a question about leads: the reading's command, answered by the desk.
        var reading = QuestionReader.Read("what am I leading?", course, _clock.GetUtcNow());
        var answer = Text(await Desk().AnswerAsync(course, Ada, false, reading.Command!, default)) + reading.ReadAs;

        Assert.Contains("You lead AReaL on Thu Sep 25, 12:30", answer, StringComparison.Ordinal);
        Assert.Contains("/leads mine", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_drop_after_sign_ups_closed_is_refused_and_points_to_staff()
    {
        var course = Course();
        await AskAsync(course, Ada, "/lead areal-arxiv25");
        // Sign-ups close two days before the class: Tue Sep 23, 12:30.
        _clock.SetUtcNow(new DateTimeOffset(2025, 9, 23, 18, 0, 0, TimeSpan.Zero));

        var refused = await AskAsync(course, Ada, "/lead drop");
        var staff = await AskAsync(course, Grace, "/leads remove areal-arxiv25 ada", staff: true);

        Assert.True(refused.IsError);
        Assert.Equal("Too late to withdraw", refused.Title);
        Assert.Contains("ask the course staff: they can remove you with /leads remove areal-arxiv25", Text(refused), StringComparison.Ordinal);
        Assert.False(staff.IsError);
        Assert.Empty(await _store.ListAsync(course.Course.Id, default));
    }

    [Fact]
    public async Task A_promotion_is_told_privately_once_even_when_told_again()
    {
        var course = Course();
        await AskAsync(course, Ada, "/lead areal-arxiv25");
        await AskAsync(course, Grace, "/lead areal-arxiv25");
        var notifier = Notifier(course);
        var signups = await _store.ListAsync(course.Course.Id, default);

        await AskAsync(course, Ada, "/lead drop", notifier);
        var promoted = signups.Single(s => s.Student == Grace);
        // The same promotion told again (another node, a retry): the ledger has it.
        await notifier.NotifyOnceAsync(course.Course.Id, PostKinds.LeadPromoted, $"areal-arxiv25/{promoted.SignedUpAt.ToUnixTimeMilliseconds()}", Grace, LeadReplies.Promoted(LeadCatalog.For(course)!, LeadCatalog.For(course)!.Find("areal-arxiv25")!), default);

        var told = _terminal.ToString();
        Assert.Equal(1, told.Split("(to Grace)").Length - 1);
        Assert.Contains("A slot opened and you were first on the waitlist.", told, StringComparison.Ordinal);
        var record = Assert.Single(await _ledger.ListAsync(course.Course.Id, default));
        Assert.Equal((PostKinds.LeadPromoted, "@grace", PostState.Sent), (record.Key.Kind, record.Key.Channel, record.State));
    }

    [Fact]
    public async Task A_console_lead_s_reminder_reads_as_the_issue_writes_it()
    {
        var course = Course();
        await AskAsync(course, Ada, "/lead areal-arxiv25");
        _clock.SetUtcNow(new DateTimeOffset(2025, 9, 23, 17, 30, 0, TimeSpan.Zero));
        var reminders = new LeadReminders(_store, _notices, _ledger, Options.Create(new PostingOptions()), _clock, NullLogger<LeadReminders>.Instance);

        await reminders.EnsureAsync(course, default);

        Assert.Contains("(to Ada)", _terminal.ToString(), StringComparison.Ordinal);
        Assert.Contains("You lead AReaL on Thu Sep 25, 12:30; slides are due Wed Sep 24, 17:00", _terminal.ToString(), StringComparison.Ordinal);
    }

    private static CourseSnapshot Course() => PostingBot.Course(d => d with
    {
        Leads = new LeadsPolicy
        {
            PerPaper = 1,
            Waitlist = true,
            Closes = TimeSpan.FromDays(2),
            Reminders = [TimeSpan.FromDays(2)],
            SlidesDue = new SlidesDeadline(new TimeOnly(17, 0), 1),
        },
    });

    private LeadNotifier Notifier(CourseSnapshot course)
    {
        var catalog = new CourseCatalog();
        catalog.Publish(new CourseStatus(course, "v1", _clock.GetUtcNow(), null));
        return new LeadNotifier(_notices, catalog, NullLogger<LeadNotifier>.Instance);
    }

    private LeadDesk Desk(ILeadNotifier? notifier = null) => new(_store, notifier ?? Notifier(Course()), new NoLeadBoard(), _clock);

    private Task<Reply> AskAsync(CourseSnapshot course, LeadStudent student, string line, ILeadNotifier? notifier = null, bool staff = false) =>
        Desk(notifier).AnswerAsync(course, student, staff, CommandParser.Parse(line), default);

    private Task<Reply> AskAsync(CourseSnapshot course, LeadStudent student, string line, bool staff) =>
        AskAsync(course, student, line, null, staff);

    private static string Text(Reply reply) => PlainTextRenderer.Render(reply);
}
