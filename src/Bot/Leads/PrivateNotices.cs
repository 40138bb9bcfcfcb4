using CourseBot.Bot.Delivery;
using CourseBot.Core;
using CourseBot.Core.Leads;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Leads;

/// <summary>
/// Tells one student something exactly once, through the posting ledger like every post: a direct message under
/// <see cref="PrivatePost.Key"/>; when the platform refuses it, one mention in the course's first channel on that
/// platform under <see cref="PrivatePost.MentionKey"/>. Several nodes telling the same notice at once, or a node
/// telling it again after a restart, find the ledger's record and send nothing more.
/// </summary>
public sealed partial class PrivateNotices(
    PostSender<PrivateNotice> sender,
    IEnumerable<ILeadNotice> notices,
    IPostingLedger ledger,
    ILogger<PrivateNotices> logger)
{
    private readonly IReadOnlyList<ILeadNotice> _notices = [.. notices];

    /// <summary>Tells <paramref name="student"/> <paramref name="reply"/> once per (course, kind, slot, student).</summary>
    /// <returns>The ledger's outcome (retry later on <see cref="PostOutcome.RetryableFailure"/> or <see cref="PostOutcome.InProgress"/>); null when this copy cannot reach the student's platform.</returns>
    public async Task<PostOutcome?> TellAsync(CourseSnapshot course, string kind, string slot, LeadStudent student, Reply reply, CancellationToken ct)
    {
        if (_notices.FirstOrDefault(n => n.Platform == student.Platform) is not { } notice)
        {
            LogNoPlatform(student.Platform, student.UserId, reply.Title);
            return null;
        }

        var courseId = course.Course.Id;
        var content = new PrivateNotice(student, reply);
        var channels = notice.Channels(course.Course.Channels);
        var channel = channels.Count > 0 ? channels[0] : null;
        var mention = channel is null ? null : PrivatePost.MentionKey(courseId, slot, kind, student, channel);
        if (mention is not null && await ledger.FindAsync(mention, ct) is { State: not PostState.Failed })
        {
            // The DM was refused before and the mention is (being) posted: that is this notice now, not another DM.
            return await sender.SendAsync(mention, content, ct);
        }

        var outcome = await sender.SendAsync(PrivatePost.Key(courseId, slot, kind, student), content, ct);
        if (outcome != PostOutcome.PermanentFailure)
        {
            return outcome;
        }

        if (mention is null)
        {
            LogNoChannel(student.Platform, student.UserId, courseId);
            return outcome;
        }

        return await sender.SendAsync(mention, content, ct);
    }

    /// <summary>
    /// Records a notice that is too late to tell (beyond the grace period) as skipped, so it is never sent later.
    /// Returns false when it went out already (or is going out now).
    /// </summary>
    public Task<bool> SkipAsync(string courseId, string kind, string slot, LeadStudent student, string reason, CancellationToken ct) =>
        ledger.MarkSkippedAsync(PrivatePost.Key(courseId, slot, kind, student), reason, ct);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell {Platform} user {User} \"{Title}\": this copy of the bot does not serve that platform")]
    private partial void LogNoPlatform(string platform, string user, string title);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell {Platform} user {User}: direct messages are refused and course {Course} has no channel there")]
    private partial void LogNoChannel(string platform, string user, string course);
}
