using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using CourseBot.Bot.Discord.Rest;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Scheduling;
using CourseBot.Bot.Slack;
using CourseBot.Core.Leads;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Leads;

/// <summary>Tells students through <see cref="PrivateNotices"/>: a DM, else one mention in the course channel; once.</summary>
public sealed partial class LeadNotifier(PrivateNotices notices, CourseCatalog catalog, ILogger<LeadNotifier> logger) : ILeadNotifier
{
    /// <summary>A notice without a slot of its own is named by what it says: the same words go to a student once.</summary>
    public Task NotifyAsync(string courseId, LeadStudent student, Reply reply, CancellationToken ct) =>
        NotifyOnceAsync(courseId, PostKinds.LeadPromoted, "notice/" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(PlainTextRenderer.Render(reply))).AsSpan(0, 12)), student, reply, ct);

    public async Task NotifyOnceAsync(string courseId, string kind, string slot, LeadStudent student, Reply reply, CancellationToken ct)
    {
        if (catalog.Find(courseId) is not { } course)
        {
            LogNoCourse(courseId, student.Platform, student.UserId);
            return;
        }

        try
        {
            await notices.TellAsync(course, kind, slot, student, reply, ct);
        }
        catch (Exception e) when (e is DbException or HttpRequestException or DiscordApiException or DiscordUnavailableException or SlackApiException or SlackUnavailableException)
        {
            // The change the notice is about (a promotion) is done and the roster shows it; the asker's command succeeded.
            LogNotTold(e, student.Platform, student.UserId, courseId, kind);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not tell {Platform} user {User} of course {Course} ({Kind}) now; the roster shows the change")]
    private partial void LogNotTold(Exception exception, string platform, string user, string course, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell {Platform} user {User}: course {Course} is not served")]
    private partial void LogNoCourse(string course, string platform, string user);
}
