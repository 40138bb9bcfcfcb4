using System.Net;
using CourseBot.Bot.Delivery;
using CourseBot.Bot.Discord.Rest;

namespace CourseBot.Bot.Discord.Events;

/// <summary>
/// Class events through the posting ledger's protocol: "posting" creates a guild scheduled event (the
/// post's channel is the guild id, its message id the event id), "editing" PATCHes it. Discord has no
/// idempotency token for events, so an event already created for a post is found by its start time among
/// the events the bot created.
/// </summary>
public sealed class ScheduledEventDelivery(DiscordRestClient rest, ScheduledEventStatus status) : IPostDelivery<ClassEvent>
{
    /// <summary>Unknown Guild Scheduled Event: deleted in Discord.</summary>
    public const int UnknownEvent = 10070;

    public string Platform => "discord";

    public async Task<DeliveryResult> PostAsync(PostKey key, ClassEvent content, CancellationToken ct)
    {
        try
        {
            var created = await rest.CreateScheduledEventAsync(key.Channel, content.Body, ct);
            return DeliveryResult.Sent(created.Id);
        }
        catch (DiscordApiException e)
        {
            Refused(key, e);
            return DeliveryResult.Failed(e.Message, retryable: false);
        }
        catch (DiscordUnavailableException e) when (!e.OutcomeUnknown)
        {
            return DeliveryResult.Failed(e.Message, retryable: true);
        }
    }

    public async Task<string?> FindExistingAsync(PostKey key, CancellationToken ct)
    {
        var events = await rest.ScheduledEventsAsync(key.Channel, ct);
        return events.FirstOrDefault(e => ClassEvent.SlotOf(e.Start) == key.Slot
            && e.EntityType == ScheduledEventBody.External
            && (e.CreatorId is null || e.CreatorId == rest.ApplicationId))?.Id;
    }

    public async Task<EditResult> EditAsync(PostKey key, string messageId, ClassEvent content, CancellationToken ct)
    {
        try
        {
            await rest.EditScheduledEventAsync(key.Channel, messageId, content.Body, ct);
            return new EditResult.Edited();
        }
        catch (DiscordApiException e) when (e.Status == HttpStatusCode.NotFound && e.Code == UnknownEvent)
        {
            return new EditResult.Gone(e.Message);
        }
        catch (DiscordApiException e)
        {
            Refused(key, e);
            return new EditResult.Refused(e.Message);
        }
        catch (DiscordUnavailableException e)
        {
            // An edit to the same content is harmless, so an unknown outcome is tried again too.
            return new EditResult.Later(e.RetryAfter, e.Message);
        }
    }

    private void Refused(PostKey key, DiscordApiException e)
    {
        if (e.Status == HttpStatusCode.Forbidden)
        {
            status.Refused(ScheduledEventStatus.MissingPermission(key.Channel, e.DiscordMessage));
        }
    }
}
