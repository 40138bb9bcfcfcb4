using CourseBot.Bot.Delivery;
using CourseBot.Bot.Slack;
using CourseBot.Core.Calendar;

namespace CourseBot.Bot.Leads;

/// <summary>
/// Slack: <c>chat.postMessage</c> with the user id as channel (the app's DM with them), or for a channel key a message
/// in that channel starting with a mention of the student. The ledger token rides in the first message's metadata,
/// as for channel posts. A DM Slack refuses (messages tab off, user not found, …) is a permanent refusal.
/// </summary>
public sealed class SlackLeadNotice(SlackApiClient api) : ILeadNotice
{
    public string Platform => "slack";

    public async Task<DeliveryResult> PostAsync(PostKey key, PrivateNotice content, CancellationToken ct)
    {
        var user = PrivatePost.UserOf(key);
        var messages = SlackReplyRenderer.Render(content.Reply);
        string? first = null;
        for (var i = 0; i < messages.Count; i++)
        {
            var message = i == 0 && user is null
                ? messages[i] with { Text = $"<@{content.To.UserId}> {messages[i].Text}", Blocks = [SlackReplyRenderer.Section($"<@{content.To.UserId}>"), .. messages[i].Blocks] }
                : messages[i];
            try
            {
                var ts = await api.PostMessageAsync(user ?? key.Channel, message, i == 0 ? key.Token : null, ct);
                first ??= ts;
            }
            catch (SlackApiException e)
            {
                return first is not null ? DeliveryResult.Sent(first) : DeliveryResult.Failed($"{e.Error}: {SlackApiException.Explain(e.Error)}", e.IsRetryable);
            }
            catch (SlackUnavailableException e) when (!e.OutcomeUnknown && first is null)
            {
                return DeliveryResult.Failed(e.Message, retryable: true);
            }
        }

        return DeliveryResult.Sent(first!);
    }

    /// <summary>
    /// A mention is found by its token in the channel's history. A DM cannot be looked up: history takes the DM's
    /// conversation id, not the user id the key names; the ledger then cannot tell (see docs/delivery.md).
    /// </summary>
    public async Task<string?> FindExistingAsync(PostKey key, CancellationToken ct)
    {
        if (PrivatePost.UserOf(key) is not null)
        {
            return null;
        }

        var recent = await api.RecentAsync(key.Channel, SlackPostDelivery.HistoryDepth, ct);
        return recent.FirstOrDefault(m => m.PostKey == key.Token).Ts;
    }

    public IReadOnlyList<string> Channels(CourseChannels channels) => channels.Slack;
}
