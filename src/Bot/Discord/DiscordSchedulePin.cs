using CourseBot.Bot.Delivery;
using CourseBot.Bot.Discord.Rest;
using CourseBot.Bot.Scheduling;

namespace CourseBot.Bot.Discord;

/// <summary>
/// Pins the term schedule's message: <c>PUT /channels/{channel}/messages/pins/{message}</c> (needs Pin Messages).
/// Pinning a pinned message changes nothing, so a pin whose answer was lost is simply made again, and a stale
/// claim finds nothing to look up.
/// </summary>
public sealed partial class DiscordSchedulePin(DiscordRestClient rest, PinnedScheduleStatus status, ILogger<DiscordSchedulePin> logger) : IPostDelivery<PinnedSchedulePin>
{
    /// <summary>Discord's JSON error code for a channel that holds the most pins it allows (50).</summary>
    public const int MaximumPins = 30003;

    public string Platform => "discord";

    public async Task<DeliveryResult> PostAsync(PostKey key, PinnedSchedulePin content, CancellationToken ct)
    {
        try
        {
            await rest.PinMessageAsync(key.Channel, content.MessageId, ct);
            status.Pinned(key);
            return DeliveryResult.Sent(content.MessageId);
        }
        catch (DiscordApiException e)
        {
            var reason = Explain(key.Channel, e);
            status.Refuse(key, reason);
            LogRefused(key.Channel, reason);
            return DeliveryResult.Failed(reason, retryable: false);
        }
        catch (DiscordUnavailableException e)
        {
            return DeliveryResult.Failed(e.Message, retryable: true);
        }
    }

    public Task<string?> FindExistingAsync(PostKey key, CancellationToken ct) => Task.FromResult<string?>(null);

    /// <summary>What the instructor should do about a refused pin.</summary>
    public static string Explain(string channel, DiscordApiException e) => e.Code switch
    {
        50013 or 50001 => $"the bot may not pin messages in channel {channel} ({e.DiscordMessage}): give its role the Pin Messages permission in that channel, or re-invite it with the URL in the README; the schedule is pinned at the next start or course change",
        MaximumPins => $"channel {channel} has Discord's maximum of 50 pinned messages: unpin one; the schedule is pinned at the next start or course change",
        DiscordPostDelivery.UnknownMessage => $"the schedule message in channel {channel} was deleted before it could be pinned",
        _ => DiscordPostDelivery.Explain(channel, e),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord refused to pin the term schedule in {Channel}: {Reason}")]
    private partial void LogRefused(string channel, string reason);
}
