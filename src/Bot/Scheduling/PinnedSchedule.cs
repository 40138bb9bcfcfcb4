using CourseBot.Bot.Delivery;
using CourseBot.Core;
using CourseBot.Core.Commands;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Scheduling;

/// <summary>
/// The pinned term schedule (<c>channels.pinSchedule: true</c>): one message per course channel, posted the first
/// time a round finds it missing while the term runs, pinned once, and edited in place whenever what it shows
/// changes. Everything goes through the ledger (kind <see cref="PostKinds.Schedule"/>; slot <see cref="Slot"/> for the
/// message, <see cref="PinSlot"/> for its pin), so it happens once across rounds, restarts and nodes. A message staff
/// deleted stays deleted, and one they unpinned stays unpinned. Runs in every <see cref="EditRound"/>; platforms
/// without pins (the console) get none.
/// </summary>
public sealed partial class PinnedSchedule(
    PostTargets targets,
    PostEditor<Reply> editor,
    IPostingLedger ledger,
    PostSender<PinnedSchedulePin> pins,
    IEnumerable<IPostDelivery<PinnedSchedulePin>> pinDeliveries,
    TimeProvider time,
    ILogger<PinnedSchedule> logger)
{
    public const string Slot = "term";
    public const string PinSlot = "term-pin";

    /// <summary>Sent when missing, never re-posted: a deleted schedule was staff's choice.</summary>
    private static readonly EditOptions SendOrEdit = new(SendIfMissing: true, RepostIfGone: false);

    private readonly HashSet<string> _pinPlatforms = pinDeliveries.Select(d => d.Platform).ToHashSet(StringComparer.Ordinal);

    public static PostKey Key(string courseId, PostTarget target) => new(courseId, Slot, PostKinds.Schedule, target.Platform, target.Channel);

    /// <summary>
    /// Brings every channel's schedule message of <paramref name="course"/> to what the course says now, and pins
    /// it once. Returns true when something should be tried again later (a platform said "later", or another node
    /// is mid-way); a refused pin is not retried on a timer: it is logged, shown in <c>/readyz</c>, and tried at the
    /// next round (the next change of the course, or the next start).
    /// </summary>
    public async Task<bool> EnsureAsync(CourseSnapshot course, CancellationToken cancellationToken)
    {
        if (!course.Course.Channels.PinSchedule)
        {
            return false;
        }

        var today = DateOnly.FromDateTime(course.Calendar.ToLocal(time.GetUtcNow()).DateTime);
        if (course.Calendar.Weeks.Count == 0 || course.Calendar.Weeks[^1].End < today)
        {
            // After the term the schedule is history, like a past week's announcement: left as it is.
            return false;
        }

        var content = PinnedScheduleReply.Create(course);
        var version = PostVersion.Of(content);
        var retry = false;
        foreach (var target in targets.For(course).Where(t => _pinPlatforms.Contains(t.Platform)))
        {
            var key = Key(course.Course.Id, target);
            var outcome = await editor.EnsureCurrentAsync(key, content, version, SendOrEdit, cancellationToken);
            retry |= outcome.ShouldRetry;
            if (outcome.Status is EditStatus.Gone or EditStatus.InProgress or EditStatus.NotSent)
            {
                continue;
            }

            if (await ledger.FindAsync(key, cancellationToken) is { State: PostState.Sent, GoneAt: null, MessageId: { } messageId })
            {
                retry |= await PinAsync(key, messageId, cancellationToken);
            }
        }

        return retry;
    }

    private async Task<bool> PinAsync(PostKey message, string messageId, CancellationToken cancellationToken)
    {
        var key = new PostKey(message.CourseId, PinSlot, PostKinds.Schedule, message.Platform, message.Channel);
        var outcome = await pins.SendAsync(key, new PinnedSchedulePin(messageId), cancellationToken);
        if (outcome is PostOutcome.Sent or PostOutcome.Recovered)
        {
            LogPinned(message.ToString(), messageId);
        }

        return outcome is PostOutcome.RetryableFailure or PostOutcome.InProgress;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pinned the term schedule {Key} (message {MessageId})")]
    private partial void LogPinned(string key, string messageId);
}
