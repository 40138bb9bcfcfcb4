using CourseBot.Bot.Delivery;
using CourseBot.Bot.Hosting;
using CourseBot.Core.Replies;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Scheduling;

/// <summary>
/// Sends one planned post to every channel of its course, composed from the course as it is now. A post
/// more than the grace period late is recorded as skipped instead of sent.
/// </summary>
public sealed partial class PostRunner(
    CourseCatalog catalog,
    PostTargets targets,
    PostSender<Reply> sender,
    IPostingLedger ledger,
    IOptions<PostingOptions> options,
    TimeProvider time,
    ILogger<PostRunner> logger)
{
    /// <summary>Runs the post; returns true when some channel should be tried again later.</summary>
    public async Task<bool> RunAsync(string courseId, string kind, string slot, CancellationToken cancellationToken)
    {
        var course = catalog.Find(courseId);
        var post = course is null ? null : PostPlanner.Plan(course).FirstOrDefault(p => p.Kind == kind && p.Slot == slot);
        if (course is null || post is null)
        {
            LogNoLongerPlanned(courseId, kind, slot);
            return false;
        }

        var late = time.GetUtcNow() - post.Due;
        var grace = options.Value.GracePeriod;
        var reply = PostPlanner.Compose(course, post);
        var version = reply is null ? null : PostVersion.Of(reply);
        var retry = false;
        foreach (var target in targets.For(course))
        {
            var key = new PostKey(courseId, slot, kind, target.Platform, target.Channel);
            if (late > grace)
            {
                if (await ledger.MarkSkippedAsync(key, $"{late:g} late, beyond the grace period of {grace:g}", cancellationToken))
                {
                    LogSkipped(key.ToString(), late);
                }
            }
            else if (reply is not null)
            {
                var outcome = await sender.SendAsync(key, reply, version, cancellationToken);
                retry |= outcome is PostOutcome.RetryableFailure or PostOutcome.InProgress;
            }
        }

        return retry && late < grace;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Post {Course}/{Kind}/{Slot} is no longer planned (the course changed); nothing sent")]
    private partial void LogNoLongerPlanned(string course, string kind, string slot);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped post {Key}: the bot was down when it was due ({Late} late, beyond the grace period)")]
    private partial void LogSkipped(string key, TimeSpan late);
}
