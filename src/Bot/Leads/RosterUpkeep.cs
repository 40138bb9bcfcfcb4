using System.Data.Common;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Scheduling;
using CourseBot.Core;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Leads;

/// <summary>
/// Runs <see cref="RosterBoard"/> outside the requests that change sign-ups: a burst of changes to one course
/// becomes one pass, a course refresh (papers moved, removed) is a change too, and every
/// <see cref="PostingOptions.ReconcileInterval"/> each course is checked anyway — so a change made on another
/// node, or on one that stopped before its pass, shows in the roster within an interval — and at the moment a
/// roster is due to go out. A platform's "later" comes back after the wait it asked for. The same pass sends the leads'
/// reminders (<see cref="LeadReminders"/>), waking at each one's instant too.
/// </summary>
public sealed partial class RosterUpkeep(
    CourseCatalog catalog,
    RosterBoard board,
    LeadReminders reminders,
    IOptions<PostingOptions> options,
    TimeProvider time,
    ILogger<RosterUpkeep> logger) : BackgroundService, ILeadBoardChanges
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Changed(string courseId)
    {
        lock (_gate)
        {
            _pending.Add(courseId);
            _wake.TrySetResult();
        }
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        catalog.Changed += OnCourseChanged;
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        catalog.Changed -= OnCourseChanged;
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextFullPass = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            string[] courses;
            Task wake;
            lock (_gate)
            {
                if (now >= nextFullPass)
                {
                    _pending.UnionWith(catalog.Courses.Select(c => c.Course.Id));
                    nextFullPass = now + options.Value.ReconcileInterval;
                }

                courses = [.. _pending];
                _pending.Clear();
                _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wake = _wake.Task;
            }

            foreach (var id in courses)
            {
                await PassAsync(id, stoppingToken);
            }

            // Sleep until a change, the next full pass, or the next roster that is due to go out.
            var until = nextFullPass;
            foreach (var due in catalog.Courses.SelectMany(DueTimes).Where(d => d > time.GetUtcNow()))
            {
                until = due < until ? due : until;
            }

            var delay = until - time.GetUtcNow();
            if (delay > TimeSpan.Zero)
            {
                await Task.WhenAny(wake, Task.Delay(delay, time, stoppingToken)).ConfigureAwait(false);
            }

            if (time.GetUtcNow() >= until && until < nextFullPass)
            {
                // A roster or a reminder became due: that course's turn now, not at the next full pass.
                lock (_gate)
                {
                    _pending.UnionWith(catalog.Courses.Where(c => DueTimes(c).Contains(until)).Select(c => c.Course.Id));
                }
            }
        }
    }

    private async Task PassAsync(string courseId, CancellationToken stoppingToken)
    {
        if (catalog.Find(courseId) is not { } course)
        {
            return;
        }

        try
        {
            var wait = await board.EnsureAsync(course, stoppingToken);
            if (await reminders.EnsureAsync(course, stoppingToken) is { } remindAgain)
            {
                wait = wait is { } w && w < remindAgain ? w : remindAgain;
            }

            if (wait is { } again)
            {
                _ = AgainAfterAsync(courseId, again, stoppingToken);
            }
        }
        catch (Exception e) when (e is DbException or HttpRequestException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
        {
            // The store or the platform failed mid-pass: the next pass (at most one interval away) tries again.
            LogPassFailed(e, courseId);
        }
    }

    private async Task AgainAfterAsync(string courseId, TimeSpan wait, CancellationToken stoppingToken)
    {
        await Task.Delay(wait, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        if (!stoppingToken.IsCancellationRequested)
        {
            Changed(courseId);
        }
    }

    private void OnCourseChanged(CourseSnapshot course) => Changed(course.Course.Id);

    /// <summary>When something of the course falls due: its rosters and its leads' reminders.</summary>
    private static IEnumerable<DateTimeOffset> DueTimes(CourseSnapshot course) =>
        RosterBoard.Plan(course).Select(p => p.Due).Concat(LeadReminders.Plan(course).Select(r => r.Due));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Course {CourseId}: the roster pass failed; the next pass tries again")]
    private partial void LogPassFailed(Exception exception, string courseId);
}
