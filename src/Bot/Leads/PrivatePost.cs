using CourseBot.Bot.Delivery;
using CourseBot.Core.Leads;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Leads;

/// <summary>What is told to one student: the reply, and who they are (for the DM or the mention).</summary>
public sealed record PrivateNotice(LeadStudent To, Reply Reply);

/// <summary>
/// How the ledger names a post to one student. A private post's <see cref="PostKey.Channel"/> is
/// <c>"@" + user id</c> (no platform's channel ids start with "@"): the platform's <see cref="ILeadNotice"/> opens
/// the direct conversation with that user when it sends. When the platform refuses the DM, the same notice is
/// posted once in a course channel, mentioning the student, under <see cref="MentionKey"/>: the slot with the user id
/// appended (one mention per student in a channel), the channel a real one.
/// </summary>
public static class PrivatePost
{
    private const char UserMark = '@';

    /// <summary>The key of the direct message to <paramref name="student"/>.</summary>
    public static PostKey Key(string courseId, string slot, string kind, LeadStudent student) =>
        new(courseId, slot, kind, student.Platform, UserMark + student.UserId);

    /// <summary>The key of the fallback: a mention of <paramref name="student"/> in <paramref name="channel"/>.</summary>
    public static PostKey MentionKey(string courseId, string slot, string kind, LeadStudent student, string channel) =>
        new(courseId, $"{slot}/{student.UserId}", kind, student.Platform, channel);

    /// <summary>The user a private key names; null for a channel post (a mention).</summary>
    public static string? UserOf(PostKey key) => key.Channel.Length > 1 && key.Channel[0] == UserMark ? key.Channel[1..] : null;
}
