using Quartz;

namespace CourseBot.Bot.Discord.Events;

/// <summary>One sync of the guild's class events; Quartz runs it on one node at a time.</summary>
[DisallowConcurrentExecution]
public sealed class ScheduledEventJob(ScheduledEventSync sync) : IJob
{
    public static readonly JobKey Key = new("discord-scheduled-events", "events");

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        new(sync.RunAsync(cancellationToken));
}

/// <summary>Schedules <see cref="ScheduledEventJob"/> every <see cref="DiscordOptions.ScheduledEventsInterval"/> and after every course refresh.</summary>
public sealed partial class ScheduledEventSchedule(
    ISchedulerFactory schedulers, Hosting.CourseCatalog catalog, Microsoft.Extensions.Options.IOptions<DiscordOptions> options, ILogger<ScheduledEventSchedule> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<ScheduledEventJob>().WithIdentity(ScheduledEventJob.Key).StoreDurably().Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(ScheduledEventJob.Key.Name, ScheduledEventJob.Key.Group)
            .ForJob(job)
            .StartNow()
            .WithSimpleSchedule(s => s.WithInterval(options.Value.ScheduledEventsInterval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .Build();
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken);
        catalog.Changed += OnChanged;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        catalog.Changed -= OnChanged;
        return Task.CompletedTask;
    }

    private void OnChanged(Core.CourseSnapshot course) => _ = TriggerAsync(course.Course.Id);

    private async Task TriggerAsync(string courseId)
    {
        try
        {
            var scheduler = await schedulers.GetScheduler();
            await scheduler.TriggerJob(ScheduledEventJob.Key);
        }
        catch (SchedulerException e)
        {
            // The periodic trigger still runs: the events follow the change at the next interval at the latest.
            LogTriggerFailed(e, courseId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Course {CourseId} changed but the scheduled-events sync could not be started now; it runs at the next interval")]
    private partial void LogTriggerFailed(Exception exception, string courseId);
}
