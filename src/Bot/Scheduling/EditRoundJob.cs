using Microsoft.Extensions.Options;
using Quartz;

namespace CourseBot.Bot.Scheduling;

/// <summary>
/// The Quartz job that runs an <see cref="EditRound"/> for a course after it changed. A job rather than
/// in-process work: it runs on one node of a cluster, and a round cut short by a restart is recovered and run
/// again (the ledger makes that harmless). Edits refused for now get one more run after
/// <see cref="PostingOptions.RetryDelay"/>.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class EditRoundJob(EditRound round, IOptions<PostingOptions> options, TimeProvider time, ILogger<EditRoundJob> logger) : IJob
{
    public const string Group = "edits";
    public const string CourseIdKey = "courseId";

    /// <summary>Asks for a round for the course now (replacing one not started yet: a round always edits to the newest version).</summary>
    public static async Task ScheduleAsync(IScheduler scheduler, string courseId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var job = JobBuilder.Create<EditRoundJob>()
            .WithIdentity(courseId, Group)
            .UsingJobData(CourseIdKey, courseId)
            .RequestRecovery()
            .StoreDurably()
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity($"{courseId}#{at.ToUnixTimeMilliseconds()}", Group)
            .ForJob(job)
            .StartAt(at)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken);
    }

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var courseId = context.MergedJobDataMap.GetString(CourseIdKey)!;
        if (await round.RunAsync(courseId, cancellationToken))
        {
            var at = time.GetUtcNow() + options.Value.RetryDelay;
            await ScheduleAsync(context.Scheduler, courseId, at, cancellationToken);
            LogRetryScheduled(courseId, at);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Course {CourseId}: the edits refused for now will be tried again at {At:u}")]
    private partial void LogRetryScheduled(string courseId, DateTimeOffset at);
}
