using CourseBot.Bot.Delivery;
using CourseBot.Bot.Hosting;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Scheduling;

/// <summary>
/// Brings every post already sent for the current and future weeks of a course to what the course says now:
/// each is composed again and edited in place where its version differs (see <see cref="PostEditor{TContent}"/>).
/// Past weeks are left as they were; a deleted message stays deleted; a post not sent yet waits for its job.
/// The pinned term schedule (<see cref="PinnedSchedule"/>) is brought up to date in the same round.
/// Running it again is harmless (the ledger compares versions), so a round cut short is simply run again.
/// </summary>
public sealed partial class EditRound(
    CourseCatalog catalog,
    PostTargets targets,
    PostEditor<Reply> editor,
    TimeProvider time,
    ILogger<EditRound> logger,
    PinnedSchedule? pinnedSchedule = null)
{
    /// <summary>Runs one round; returns true when some post should be tried again later (refused for now, or claimed elsewhere).</summary>
    public async Task<bool> RunAsync(string courseId, CancellationToken cancellationToken)
    {
        if (catalog.Find(courseId) is not { } course)
        {
            return false;
        }

        var today = DateOnly.FromDateTime(course.Calendar.ToLocal(time.GetUtcNow()).DateTime);
        var retry = false;
        var edited = 0;
        foreach (var post in PostPlanner.Plan(course).Where(p => p.Week.End >= today))
        {
            if (PostPlanner.Compose(course, post) is not { } reply)
            {
                continue;
            }

            var version = PostVersion.Of(reply);
            foreach (var target in targets.For(course))
            {
                var key = new PostKey(courseId, post.Slot, post.Kind, target.Platform, target.Channel);
                var outcome = await editor.EnsureCurrentAsync(key, reply, version, EditOptions.EditOnly, cancellationToken);
                retry |= outcome.ShouldRetry;
                edited += outcome.Status == EditStatus.Edited ? 1 : 0;
            }
        }

        if (pinnedSchedule is not null)
        {
            retry |= await pinnedSchedule.EnsureAsync(course, cancellationToken);
        }

        LogRound(courseId, edited, retry);
        return retry;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Course {CourseId}: {Edited} sent posts edited to follow the course; some to try again later: {Retry}")]
    private partial void LogRound(string courseId, int edited, bool retry);
}
