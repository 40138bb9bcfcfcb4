using CourseBot.Core.Leads;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Leads;

/// <summary>
/// Tells one student something privately (a waitlist promotion): a direct message where the platform allows it,
/// else a mention in the course's first channel.
/// </summary>
public interface ILeadNotifier
{
    Task NotifyAsync(string courseId, LeadStudent student, Reply reply, CancellationToken ct);
}
