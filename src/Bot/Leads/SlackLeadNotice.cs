using CourseBot.Bot.Slack;
using CourseBot.Core.Calendar;
using CourseBot.Core.Leads;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Leads;

/// <summary>Slack: chat.postMessage with the user id as channel (the app's DM with them); refused → a mention.</summary>
public sealed class SlackLeadNotice(SlackApiClient api) : ILeadNotice
{
    public string Platform => "slack";

    public async Task<bool> DirectAsync(LeadStudent student, Reply reply, CancellationToken ct)
    {
        try
        {
            foreach (var message in SlackReplyRenderer.Render(reply))
            {
                await api.PostMessageAsync(student.UserId, message, null, ct);
            }

            return true;
        }
        catch (SlackApiException e) when (e.Error is "channel_not_found" or "not_in_channel" or "cannot_dm_bot" or "user_not_found" or "messages_tab_disabled")
        {
            return false;
        }
    }

    public async Task MentionAsync(string channel, LeadStudent student, Reply reply, CancellationToken ct)
    {
        var messages = SlackReplyRenderer.Render(reply);
        for (var i = 0; i < messages.Count; i++)
        {
            var message = i == 0 ? messages[i] with { Text = $"<@{student.UserId}> {messages[i].Text}", Blocks = [SlackReplyRenderer.Section($"<@{student.UserId}>"), .. messages[i].Blocks] } : messages[i];
            await api.PostMessageAsync(channel, message, null, ct);
        }
    }

    public IReadOnlyList<string> Channels(CourseChannels channels) => channels.Slack;
}
