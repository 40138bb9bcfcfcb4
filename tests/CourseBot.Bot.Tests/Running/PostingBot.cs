using CourseBot.Bot.Delivery;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Scheduling;
using CourseBot.Bot.Storage;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Core;
using CourseBot.Core.Calendar;
using CourseBot.Core.ReadingList;
using CourseBot.Core.Replies;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Running;

/// <summary>
/// The posting half of the bot over a real SQLite ledger and a fake clock: what a Quartz firing runs.
/// Creating a second one on the same folder is a restart.
/// </summary>
internal sealed class PostingBot
{
    private PostingBot(CourseCatalog catalog, PostRunner runner, SqlPostingLedger ledger)
    {
        Catalog = catalog;
        Runner = runner;
        Ledger = ledger;
    }

    public CourseCatalog Catalog { get; }

    public PostRunner Runner { get; }

    public SqlPostingLedger Ledger { get; }

    public static async Task<PostingBot> StartAsync(string folder, FakeTimeProvider clock, RecordingDelivery platform, CourseSnapshot course, TimeSpan? grace = null)
    {
        var ledger = new SqlitePostingLedger($"Data Source={Path.Combine(folder, "coursebot.db")}", clock, new PostingLedgerOptions());
        await ledger.EnsureSchemaAsync(CancellationToken.None);
        var catalog = new CourseCatalog();
        catalog.Publish(new CourseStatus(course, "v1", clock.GetUtcNow(), null));
        var sender = new PostSender<Reply>(ledger, [platform], "test-node", NullLogger<PostSender<Reply>>.Instance);
        var options = Options.Create(new PostingOptions { GracePeriod = grace ?? TimeSpan.FromHours(12) });
        var runner = new PostRunner(catalog, new PostTargets([platform]), sender, ledger, options, clock, NullLogger<PostRunner>.Instance);
        return new PostingBot(catalog, runner, ledger);
    }

    public Task<bool> FireAsync(PlannedPost post) => Runner.RunAsync(post.CourseId, post.Kind, post.Slot, CancellationToken.None);

    /// <summary>CS 395T posting to Discord channel "general", with a plan that runs through November (across DST and Thanksgiving).</summary>
    public static CourseSnapshot Course(Func<CourseDefinition, CourseDefinition>? change = null)
    {
        var list = ReadingListLoader.Load(SharedCourseFiles.File("reading_list.md"), SharedCourseFiles.File("papers.yaml"));
        var definition = new CourseDefinition
        {
            Id = "cs395t",
            Name = "CS 395T",
            TimeZone = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago"),
            FirstMonday = new DateOnly(2025, 8, 25),
            LastDay = new DateOnly(2025, 12, 4),
            Meetings =
            [
                new MeetingPattern(DayOfWeek.Tuesday, new TimeOnly(12, 30), new TimeOnly(14, 0)),
                new MeetingPattern(DayOfWeek.Thursday, new TimeOnly(12, 30), new TimeOnly(14, 0)),
            ],
            Holidays = [new Holiday("Thanksgiving break", new DateOnly(2025, 11, 24), new DateOnly(2025, 11, 30))],
            Responses = new ResponseRule(new TimeOnly(18, 0), 1),
            // Every topic but the last two takes two weeks, so readings run through week 14.
            Plan = list.Topics.Select((t, i) => new PlanEntry(t.Name, [], null, i < 7 ? 2 : 0, null, new SourceLocation("plan", i + 1, 1)))
                .Where(e => e.Weeks > 0).ToArray(),
            ReadingList = "reading_list.md",
            Papers = "papers.yaml",
            Channels = new CourseChannels(["general"], []),
            SourcePath = "cs395t.yaml",
        };
        return CourseSnapshot.Create(change is null ? definition : change(definition), list);
    }
}
