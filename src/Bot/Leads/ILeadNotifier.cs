using CourseBot.Core.Leads;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Leads;

/// <summary>
/// Tells one student something privately (a waitlist promotion): a direct message where the platform allows it,
/// else a mention in the course's first channel; once, through the posting ledger (<see cref="PrivateNotices"/>).
/// </summary>
public interface ILeadNotifier
{
    Task NotifyAsync(string courseId, LeadStudent student, Reply reply, CancellationToken ct);

    /// <summary>
    /// Tells the student once per (<paramref name="kind"/>, <paramref name="slot"/>): however many copies of the bot
    /// or attempts, one DM or one mention. A notifier without a ledger just tells.
    /// </summary>
    /// <param name="kind">One of the post kinds (e.g. <c>lead-promoted</c>).</param>
    Task NotifyOnceAsync(string courseId, string kind, string slot, LeadStudent student, Reply reply, CancellationToken ct) =>
        NotifyAsync(courseId, student, reply, ct);
}
