using System.Threading.Channels;
using CourseBot.Bot.Hosting;
using CourseBot.Core;
using Microsoft.Extensions.Options;
using Quartz;

namespace CourseBot.Bot.Scheduling;

/// <summary>
/// Keeps Quartz's triggers equal to what the calendar plans: one job per post, due at its time. When a
/// course changes (reading list or calendar edited) the pending triggers are replaced; posts that already
/// went out are protected by the ledger, so an edit never sends them again.
/// </summary>
public sealed partial class PostScheduleSync(
    CourseCatalog catalog,
    ISchedulerFactory schedulers,
    IOptions<PostingOptions> options,
    TimeProvider time,
    ILogger<PostScheduleSync> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(30);
    private readonly Channel<CourseSnapshot> _changed = Channel.CreateUnbounded<CourseSnapshot>();

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        catalog.Changed += OnChanged;
        foreach (var course in catalog.Courses)
        {
            _changed.Writer.TryWrite(course);
        }

        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        catalog.Changed -= OnChanged;
        await base.StopAsync(cancellationToken);
    }

    /// <summary>Makes the scheduler's posts for one course match its plan.</summary>
    public async Task SyncAsync(CourseSnapshot course, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var earliest = time.GetUtcNow() - options.Value.GracePeriod;
        var wanted = PostPlanner.Plan(course).Where(p => p.Due >= earliest).ToDictionary(p => p.JobName);
        var prefix = course.Course.Id + "/";

        var existing = await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(SendPostJob.Group), cancellationToken);
        foreach (var job in existing.Where(k => k.Name.StartsWith(prefix, StringComparison.Ordinal) && !wanted.ContainsKey(k.Name)))
        {
            await scheduler.DeleteJob(job, cancellationToken);
        }

        var added = 0;
        foreach (var post in wanted.Values)
        {
            var triggerKey = new TriggerKey(post.JobName, SendPostJob.Group);
            if (await scheduler.GetTrigger(triggerKey, cancellationToken) is { } current && current.StartTimeUtc == post.Due)
            {
                continue;
            }

            var job = JobBuilder.Create<SendPostJob>()
                .WithIdentity(post.JobName, SendPostJob.Group)
                .UsingJobData(SendPostJob.CourseIdKey, post.CourseId)
                .UsingJobData(SendPostJob.KindKey, post.Kind)
                .UsingJobData(SendPostJob.SlotKey, post.Slot)
                .RequestRecovery()
                .StoreDurably()
                .Build();
            var trigger = TriggerBuilder.Create()
                .WithIdentity(triggerKey)
                .ForJob(job)
                .StartAt(post.Due)
                .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
                .Build();
            await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken);
            added++;
        }

        LogSynced(course.Course.Id, wanted.Count, added);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var course in _changed.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await SyncAsync(course, stoppingToken);
            }
            catch (Exception e) when (e is SchedulerException or System.Data.Common.DbException)
            {
                // The database is unreachable for now: keep serving answers and try again shortly.
                LogSyncFailed(e, course.Course.Id, RetryDelay);
                _ = RetryLaterAsync(course, stoppingToken);
            }
        }
    }

    private async Task RetryLaterAsync(CourseSnapshot course, CancellationToken stoppingToken)
    {
        await Task.Delay(RetryDelay, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        if (!stoppingToken.IsCancellationRequested && catalog.Find(course.Course.Id) == course)
        {
            _changed.Writer.TryWrite(course);
        }
    }

    private void OnChanged(CourseSnapshot course) => _changed.Writer.TryWrite(course);

    [LoggerMessage(Level = LogLevel.Error, Message = "Course {CourseId}: could not update the scheduled posts; trying again in {Delay}")]
    private partial void LogSyncFailed(Exception exception, string courseId, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Course {CourseId}: {Planned} posts planned, {Changed} (re)scheduled")]
    private partial void LogSynced(string courseId, int planned, int changed);
}
