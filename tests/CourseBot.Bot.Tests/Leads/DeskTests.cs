using CourseBot.Bot.Discord.Commands;
using CourseBot.Bot.Discord.Interactions;
using CourseBot.Bot.Leads;
using CourseBot.Bot.Slack;
using CourseBot.Bot.Tests.Running;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Core;
using CourseBot.Core.Commands;
using CourseBot.Core.Leads;
using CourseBot.Core.Replies;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Leads;

/// <summary>The desk's rules end to end over a real SQLite sign-up store: what each student and staff member is told.</summary>
public sealed class DeskTests : IAsyncLifetime
{
    private static readonly LeadStudent Ada = new("discord", "1001", "Ada");
    private static readonly LeadStudent Grace = new("discord", "1002", "Grace");

    private readonly TempDirectory _folder = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 8, 20, 15, 0, 0, TimeSpan.Zero));
    private readonly RecordingNotifier _notices = new();
    private readonly CountingBoard _board = new();
    private SqliteLeadStore? _store;

    private static LeadsPolicy Policy { get; } = new() { PerPaper = 1, PerStudent = 1, Waitlist = true };

    private LeadDesk Desk => new(_store!, _notices, _board, _clock);

    public async Task InitializeAsync()
    {
        _store = new SqliteLeadStore(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder.Path, "coursebot.db") }.ToString());
        await _store.EnsureSchemaAsync(default);
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_claim_leads_a_full_paper_waitlists_and_a_drop_promotes_the_first_waiting_who_is_told()
    {
        var course = Course();
        var paper = LeadCatalog.For(course)!.Papers[0];

        var claimed = await AskAsync(course, Ada, $"/lead {paper.Key}");
        var waitlisted = await AskAsync(course, Grace, $"/lead {paper.Key}");
        var dropped = await AskAsync(course, Ada, "/lead drop");

        Assert.False(claimed.IsError);
        Assert.StartsWith("You lead", claimed.Title, StringComparison.Ordinal);
        Assert.Contains("#1 on its waitlist", Text(waitlisted), StringComparison.Ordinal);
        Assert.Contains("You no longer lead", Text(dropped), StringComparison.Ordinal);
        var notice = Assert.Single(_notices.Sent);
        Assert.Equal(("cs395t", Grace), (notice.CourseId, notice.Student));
        Assert.Contains("first on the waitlist", Text(notice.Reply), StringComparison.Ordinal);
        Assert.Equal(3, _board.Changes);
        Assert.Contains("Grace", Text(await AskAsync(course, Ada, "/leads")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusals_are_errors_that_say_why()
    {
        var opensLater = Course(p => p with { Opens = _clock.GetUtcNow().AddDays(1) });
        var course = Course();
        var catalog = LeadCatalog.For(course)!;
        var optional = course.ReadingList.Readings.First(r => !r.IsRequired && r.Key is not null && catalog.Find(r.Key) is null).Key;

        var notOpen = await AskAsync(opensLater, Ada, $"/lead {catalog.Papers[0].Key}");
        var notLeadable = await AskAsync(course, Ada, $"/lead {optional}");
        var holiday = await AskAsync(course, Ada, "/lead-menu 2025-11-24");
        await AskAsync(course, Ada, $"/lead {catalog.Papers[0].Key}");
        var atMaximum = await AskAsync(course, Ada, $"/lead {catalog.Papers[1].Key}");
        _clock.SetUtcNow(catalog.Papers[2].Class.Start.AddMinutes(1));
        var closed = await AskAsync(course, Grace, $"/lead {catalog.Papers[2].Key}");

        Assert.All([notOpen, notLeadable, holiday, atMaximum, closed], r => Assert.True(r.IsError, r.Title));
        Assert.Equal("Sign-ups are not open yet", notOpen.Title);
        Assert.Contains("optional reading", Text(notLeadable), StringComparison.Ordinal);
        Assert.Contains("Thanksgiving break", Text(holiday), StringComparison.Ordinal);
        Assert.Equal("You lead your maximum", atMaximum.Title);
        Assert.Equal("Sign-ups are closed", closed.Title);
    }

    [Fact]
    public async Task Staff_assign_remove_close_and_open_and_students_may_not()
    {
        var course = Course();
        var paper = LeadCatalog.For(course)!.Papers[0];
        var week = paper.Week.Number!.Value;

        var refused = await AskAsync(course, Ada, $"/leads assign {paper.Key} <@2002>");
        var assigned = await AskAsync(course, Ada, $"/leads assign {paper.Key} <@2002>", staff: true);
        var roster = Text(await AskAsync(course, Ada, $"/leads week {week}"));
        var removed = await AskAsync(course, Ada, $"/leads remove {paper.Key} <@2002>", staff: true);
        await AskAsync(course, Ada, $"/leads close {week}", staff: true);
        var whileClosed = await AskAsync(course, Grace, $"/lead {paper.Key}");
        await AskAsync(course, Ada, $"/leads open {week}", staff: true);
        var reopened = await AskAsync(course, Grace, $"/lead {paper.Key}");

        Assert.True(refused.IsError);
        Assert.Contains("Only course staff", Text(refused), StringComparison.Ordinal);
        Assert.Equal("Lead assigned", assigned.Title);
        Assert.Contains("2002", roster, StringComparison.Ordinal);
        Assert.Equal("Lead removed", removed.Title);
        Assert.True(whileClosed.IsError);
        Assert.Contains("closed sign-ups", Text(whileClosed), StringComparison.Ordinal);
        Assert.False(reopened.IsError, Text(reopened));
    }

    [Fact]
    public async Task The_week_menu_and_the_autocomplete_offer_only_papers_with_a_free_slot()
    {
        var course = Course();
        var catalog = LeadCatalog.For(course)!;
        var taken = catalog.Papers[0];
        var week = catalog.InWeek(taken.WeekStart);
        Assert.True(week.Count > 1, "the first week with papers has several");
        await AskAsync(course, Ada, $"/lead {taken.Key}");

        var menu = await AskAsync(course, Grace, $"/lead-menu {taken.WeekStart:yyyy-MM-dd}");
        var completed = await Desk.CompleteAsync(course, "", default);

        var select = Assert.IsType<ReplyAction.Select>(Assert.Single(menu.Blocks.OfType<ReplyBlock.Actions>().Single().Items));
        Assert.Equal(week.Skip(1).Select(p => $"/lead {p.Key}"), select.Options.Select(o => o.Command));
        Assert.DoesNotContain(completed, c => c.Value == taken.Key);
        Assert.Contains(completed, c => c.Value == week[1].Key && c.Name.Contains($"Week {week[1].Week.Number}", StringComparison.Ordinal));
        // The menu's choice signs up whoever chose it.
        var chosen = await AskAsync(course, Grace, select.Options[0].Command);
        Assert.StartsWith("You lead", chosen.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Users_are_read_from_mentions_and_ids()
    {
        Assert.Equal(("discord", "80351110224678912"), LeadDesk.ParseUser("<@80351110224678912>", "slack"));
        Assert.Equal(("discord", "80351110224678912"), LeadDesk.ParseUser("<@!80351110224678912>", "slack"));
        Assert.Equal(("slack", "U0123ABCD"), LeadDesk.ParseUser("<@U0123ABCD|ada>", "discord"));
        Assert.Equal(("console", "ada"), LeadDesk.ParseUser("ada", "console"));
        Assert.Null(LeadDesk.ParseUser("@ada", "slack"));
    }

    [Fact]
    public void The_announcement_of_a_week_with_papers_to_lead_has_the_button_and_without_leads_it_has_none()
    {
        var course = Course();
        var week = LeadCatalog.For(course)!.Papers[0].Week;

        var with = Announcements.Weekly(course, week)!;
        var without = Announcements.Weekly(PostingBot.Course(), week)!;

        var button = Assert.IsType<ReplyAction.Button>(Assert.Single(with.Blocks.OfType<ReplyBlock.Actions>().Single().Items));
        Assert.Equal(("Lead a paper", $"/lead-menu {week.Start:yyyy-MM-dd}"), (button.Label, button.Command));
        Assert.Empty(without.Blocks.OfType<ReplyBlock.Actions>());
        // Only the block is added: the rest of the announcement reads the same.
        Assert.Equal(Text(without), Text(with with { Blocks = [.. with.Blocks.Where(b => b is not ReplyBlock.Actions)] }));
    }

    [Fact]
    public void Discord_registers_lead_and_leads_validly_and_reads_the_staff_options_as_the_typed_grammar()
    {
        Assert.Empty(DiscordCommands.Problems(DiscordCommands.Definitions));
        Assert.Contains(DiscordCommands.Definitions, c => c.Name == "lead" && c.Options!.Any(o => o.Name == "paper" && o.Autocomplete == true));
        var assign = new DiscordInteraction("1", "t", InteractionKind.ApplicationCommand, "c", "g", "1001", 0, "leads",
            [new InteractionOption("action", "assign", false), new InteractionOption("paper", "hybridflow", false), new InteractionOption("user", "2002", false)]);
        var drop = new DiscordInteraction("1", "t", InteractionKind.ApplicationCommand, "c", "g", "1001", 0, "lead", [new InteractionOption("drop", "true", false)]);

        Assert.Equal(new CourseCommand.Leads(null, new LeadsStaffAction.Assign("hybridflow", "<@2002>")), DiscordCommands.ToCommand(assign));
        Assert.Equal(new CourseCommand.Lead(null, Drop: true), DiscordCommands.ToCommand(drop));
    }

    [Fact]
    public void Slack_offers_no_share_button_on_sign_up_answers()
    {
        Assert.Null(SlackCommandHandler.ShareLine(CommandParser.Parse("/lead hybridflow"), "/lead hybridflow"));
        Assert.Null(SlackCommandHandler.ShareLine(CommandParser.Parse("/leads"), "/leads"));
        Assert.Equal("/paper x", SlackCommandHandler.ShareLine(CommandParser.Parse("/paper x"), "/paper x"));
    }

    private static CourseSnapshot Course(Func<LeadsPolicy, LeadsPolicy>? change = null) =>
        PostingBot.Course(d => d with { Leads = change is null ? Policy : change(Policy) });

    private Task<Reply> AskAsync(CourseSnapshot course, LeadStudent student, string line, bool staff = false) =>
        Desk.AnswerAsync(course, student, staff, CommandParser.Parse(line), default);

    private static string Text(Reply reply) => PlainTextRenderer.Render(reply);

    private sealed class RecordingNotifier : ILeadNotifier
    {
        public List<(string CourseId, LeadStudent Student, Reply Reply)> Sent { get; } = [];

        public Task NotifyAsync(string courseId, LeadStudent student, Reply reply, CancellationToken ct)
        {
            Sent.Add((courseId, student, reply));
            return Task.CompletedTask;
        }
    }

    private sealed class CountingBoard : ILeadBoardChanges
    {
        public int Changes { get; private set; }

        public void Changed(string courseId) => Changes++;
    }
}
