using System.Data.Common;
using CourseBot.Bot.Storage;
using Microsoft.Extensions.Options;
using Quartz;

namespace CourseBot.Bot.Scheduling;

/// <summary>
/// The Quartz job behind every planned post: runs it, and when a platform said "later" (or another copy
/// of the bot holds the claim) schedules one more try after <see cref="PostingOptions.RetryDelay"/>. When the
/// store fails, the post is left to <see cref="PostReconciler"/>, which sends it once the store answers.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class SendPostJob(
    PostRunner runner, StoreHealth health, IOptions<PostingOptions> options, TimeProvider time, ILogger<SendPostJob> logger) : IJob
{
    public const string Group = "posts";
    public const string CourseIdKey = "courseId";
    public const string KindKey = "kind";
    public const string SlotKey = "slot";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(context, cancellationToken);
        }
        catch (Exception e) when (e is DbException or JobPersistenceException && !cancellationToken.IsCancellationRequested)
        {
            // Not rethrown: Quartz would only log it and drop the trigger; the reconciler owns the post now.
            health.Failed(e);
            LogStorageFault(context.JobDetail.Key.Name, e.Message);
        }
    }

    private async Task RunAsync(IJobExecutionContext context, CancellationToken cancellationToken)
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Post {Job} is held back by a storage fault ({Reason}); it goes out when the store answers again")]
    private partial void LogStorageFault(string job, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Post {Job} will be tried again at {At:u}")]
    private partial void LogRetryScheduled(string job, DateTimeOffset at);
}
