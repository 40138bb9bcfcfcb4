using System.Net;
using CourseBot.Bot.Discord;
using CourseBot.Bot.Discord.Interactions;
using CourseBot.Bot.Discord.Rest;
using CourseBot.Core.Calendar;
using CourseBot.Core.Leads;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Leads;

/// <summary>Discord: a direct message (POST /users/@me/channels, then the message); a member who refuses DMs gets a mention.</summary>
public sealed class DiscordLeadNotice(DiscordRestClient rest) : ILeadNotice
{
    /// <summary>"Cannot send messages to this user": the member's privacy settings refuse DMs from the bot.</summary>
    private const int CannotMessageUser = 50007;

    public string Platform => DiscordInteractionHandler.Platform;

    public async Task<bool> DirectAsync(LeadStudent student, Reply reply, CancellationToken ct)
    {
        try
        {
            var channel = await rest.OpenDirectMessageAsync(student.UserId, ct);
            foreach (var message in DiscordReplyRenderer.Render(reply))
            {
                await rest.CreateMessageAsync(channel, message, ct);
            }

            return true;
        }
        catch (DiscordApiException e) when (e.Code == CannotMessageUser || e.Status is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest)
        {
            return false;
        }
    }

    public async Task MentionAsync(string channel, LeadStudent student, Reply reply, CancellationToken ct)
    {
        var messages = DiscordReplyRenderer.Render(reply);
        for (var i = 0; i < messages.Count; i++)
        {
            // Only the first message pings, and only the student it names.
            var message = i == 0 ? messages[i] with { Content = $"<@{student.UserId}>", AllowedMentions = new AllowedMentionsBody([], Users: [student.UserId]) } : messages[i];
            await rest.CreateMessageAsync(channel, message, ct);
        }
    }

    public IReadOnlyList<string> Channels(CourseChannels channels) => channels.Discord;
}
