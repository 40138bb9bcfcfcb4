using Microsoft.Extensions.Options;
using Quartz;

namespace CourseBot.Bot.Scheduling;

/// <summary>
/// The Quartz job behind every planned post: runs it, and when a platform said "later" (or another copy
/// of the bot holds the claim) schedules one more try after <see cref="PostingOptions.RetryDelay"/>.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class SendPostJob(PostRunner runner, IOptions<PostingOptions> options, TimeProvider time, ILogger<SendPostJob> logger) : IJob
{
    public const string Group = "posts";
    public const string CourseIdKey = "courseId";
    public const string KindKey = "kind";
    public const string SlotKey = "slot";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        var retry = await runner.RunAsync(data.GetString(CourseIdKey)!, data.GetString(KindKey)!, data.GetString(SlotKey)!, cancellationToken);
        if (!retry)
        {
            return;
        }

        var at = time.GetUtcNow() + options.Value.RetryDelay;
        await context.Scheduler.ScheduleJob(
            TriggerBuilder.Create()
                .WithIdentity($"{context.JobDetail.Key.Name}#retry-{at.ToUnixTimeSeconds()}", Group)
                .ForJob(context.JobDetail.Key)
                .StartAt(at)
                .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
                .Build(),
            ScheduleJobOptions.Replacing,
            cancellationToken);
        LogRetryScheduled(context.JobDetail.Key.Name, at);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Post {Job} will be tried again at {At:u}")]
    private partial void LogRetryScheduled(string job, DateTimeOffset at);
}
