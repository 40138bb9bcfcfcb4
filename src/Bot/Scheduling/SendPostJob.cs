using CourseBot.Bot.Hosting;
using CourseBot.Core.Replies;
using Microsoft.Extensions.Options;
using Quartz;

namespace CourseBot.Bot.Scheduling;

/// <summary>
/// Sends one planned post (announcement, holiday notice or reminder) to every channel of its course.
/// The content is composed when the job runs, from the course as it is then. A post more than the
/// grace period late is recorded as skipped instead; one the platform refused for now is tried again.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class SendPostJob(
    CourseCatalog catalog,
    PostTargets targets,
    PostSender<Reply> sender,
    IPostingLedger ledger,
    IOptions<PostingOptions> options,
    TimeProvider time,
    ILogger<SendPostJob> logger) : IJob
{
    public const string Group = "posts";
    public const string CourseIdKey = "courseId";
    public const string KindKey = "kind";
    public const string SlotKey = "slot";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        var courseId = data.GetString(CourseIdKey)!;
        var kind = data.GetString(KindKey)!;
        var slot = data.GetString(SlotKey)!;
        var course = catalog.Find(courseId);
        var post = course is null ? null : PostPlanner.Plan(course).FirstOrDefault(p => p.Kind == kind && p.Slot == slot);
        if (course is null || post is null)
        {
            LogNoLongerPlanned(courseId, kind, slot);
            return;
        }

        var late = time.GetUtcNow() - post.Due;
        var reply = PostPlanner.Compose(course, post);
        var retry = false;
        foreach (var target in targets.For(course))
        {
            var key = new PostKey(courseId, slot, kind, target.Platform, target.Channel);
            if (late > options.Value.GracePeriod)
            {
                if (await ledger.MarkSkippedAsync(key, $"{late:g} late, beyond the grace period of {options.Value.GracePeriod:g}", cancellationToken))
                {
                    LogSkipped(key.ToString(), late);
                }

                continue;
            }

            if (reply is null)
            {
                continue;
            }

            var outcome = await sender.SendAsync(key, reply, cancellationToken);
            retry |= outcome is PostOutcome.RetryableFailure or PostOutcome.InProgress;
        }

        if (retry && late < options.Value.GracePeriod)
        {
            // Another node may hold the claim, or the platform said "later": look again after a while.
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
            LogRetryScheduled(post.JobName, at);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Post {Course}/{Kind}/{Slot} is no longer planned (the course changed); nothing sent")]
    private partial void LogNoLongerPlanned(string course, string kind, string slot);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped post {Key}: the bot was down when it was due ({Late} late, beyond the grace period)")]
    private partial void LogSkipped(string key, TimeSpan late);

    [LoggerMessage(Level = LogLevel.Information, Message = "Post {Job} will be tried again at {At:u}")]
    private partial void LogRetryScheduled(string job, DateTimeOffset at);
}
