using CourseBot.Bot.Delivery;
using CourseBot.Bot.Scheduling;

namespace CourseBot.Bot.Slack;

/// <summary>
/// Pins the term schedule's message with <c>pins.add</c> (scope <c>pins:write</c>). A message already pinned
/// answers <c>already_pinned</c>, which is what was wanted; so a pin whose answer was lost is simply made again.
/// </summary>
public sealed partial class SlackSchedulePin(SlackApiClient api, PinnedScheduleStatus status, ILogger<SlackSchedulePin> logger) : IPostDelivery<PinnedSchedulePin>
{
    public string Platform => "slack";

    public async Task<DeliveryResult> PostAsync(PostKey key, PinnedSchedulePin content, CancellationToken ct)
    {
        try
        {
            await api.PinAsync(key.Channel, content.MessageId, ct);
        }
        catch (SlackApiException e) when (e.Error == "already_pinned")
        {
            // Pinned already (by an earlier attempt, or by staff): done.
        }
        catch (SlackApiException e) when (e.IsRetryable)
        {
            return DeliveryResult.Failed($"{e.Error}: {SlackApiException.Explain(e.Error)}", retryable: true);
        }
        catch (SlackApiException e)
        {
            var reason = Explain(key.Channel, e.Error);
            status.Refuse(key, reason);
            LogRefused(key.Channel, reason);
            return DeliveryResult.Failed(reason, retryable: false);
        }
        catch (SlackUnavailableException e)
        {
            return DeliveryResult.Failed(e.Message, retryable: true);
        }

        status.Pinned(key);
        return DeliveryResult.Sent(content.MessageId);
    }

    public Task<string?> FindExistingAsync(PostKey key, CancellationToken ct) => Task.FromResult<string?>(null);

    /// <summary>What the instructor should do about a refused pin.</summary>
    public static string Explain(string channel, string error) => error switch
    {
        "missing_scope" => $"missing_scope: the app cannot pin in {channel} without the pins:write scope: add it under OAuth & Permissions (deploy/slack-manifest.yaml has it) and reinstall the app; the schedule is pinned at the next start or course change",
        "no_permission" or "permission_denied" => $"{error}: the workspace does not let the bot pin messages in {channel}: allow pinning for apps in the channel's or workspace's settings; the schedule is pinned at the next start or course change",
        "message_not_found" or "not_pinnable" => $"{error}: the schedule message in {channel} was deleted before it could be pinned",
        _ => $"{error}: {SlackApiException.Explain(error)}",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack refused to pin the term schedule in {Channel}: {Reason}")]
    private partial void LogRefused(string channel, string reason);
}
