using CourseBot.Bot.Hosting;
using CourseBot.Core.Leads;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Leads;

/// <summary>One platform's way to tell a student something: privately, else by a mention in a course channel.</summary>
public interface ILeadNotice
{
    /// <summary>"discord", "slack" or "console": the <see cref="LeadStudent.Platform"/> it reaches.</summary>
    string Platform { get; }

    /// <summary>Sends <paramref name="reply"/> to the student privately; false when the platform refuses (DMs closed).</summary>
    Task<bool> DirectAsync(LeadStudent student, Reply reply, CancellationToken ct);

    /// <summary>Posts <paramref name="reply"/> in <paramref name="channel"/>, mentioning the student.</summary>
    Task MentionAsync(string channel, LeadStudent student, Reply reply, CancellationToken ct);

    /// <summary>The course's channels on this platform, first one first.</summary>
    IReadOnlyList<string> Channels(Core.Calendar.CourseChannels channels);
}

/// <summary>
/// Tells a student through their platform's <see cref="ILeadNotice"/>: a direct message, else a mention in the
/// course's first channel on that platform. A student of a platform this copy does not serve is logged.
/// </summary>
public sealed partial class LeadNotifier(IEnumerable<ILeadNotice> notices, CourseCatalog catalog, ILogger<LeadNotifier> logger) : ILeadNotifier
{
    public async Task NotifyAsync(string courseId, LeadStudent student, Reply reply, CancellationToken ct)
    {
        if (notices.FirstOrDefault(n => n.Platform == student.Platform) is not { } notice)
        {
            LogNoPlatform(student.Platform, student.UserId, reply.Title);
            return;
        }

        if (await notice.DirectAsync(student, reply, ct))
        {
            return;
        }

        var channels = catalog.Courses.FirstOrDefault(c => c.Course.Id == courseId) is { } course ? notice.Channels(course.Course.Channels) : [];
        if (channels.Count == 0)
        {
            LogNoChannel(student.Platform, student.UserId, courseId);
            return;
        }

        await notice.MentionAsync(channels[0], student, reply, ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell {Platform} user {User} \"{Title}\": this copy of the bot does not serve that platform")]
    private partial void LogNoPlatform(string platform, string user, string title);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell {Platform} user {User}: direct messages are refused and course {Course} has no channel there")]
    private partial void LogNoChannel(string platform, string user, string course);
}
