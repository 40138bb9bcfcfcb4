using CourseBot.Bot.Delivery;
using CourseBot.Bot.Discord;
using CourseBot.Bot.Discord.Interactions;
using CourseBot.Bot.Discord.Rest;
using CourseBot.Core.Calendar;

namespace CourseBot.Bot.Leads;

/// <summary>
/// Discord: a direct message (<c>POST /users/@me/channels</c>, then the message), or for a channel key a message in
/// that channel that pings only the student. Like channel posts, the first message carries the ledger token as its
/// nonce (with <c>enforce_nonce</c>) and as its footer marker, so a post sent just before a crash is found again.
/// A member who refuses DMs (50007 Cannot send messages to this user) is a permanent refusal.
/// </summary>
public sealed partial class DiscordLeadNotice(DiscordRestClient rest, ILogger<DiscordLeadNotice> logger) : ILeadNotice
{
    /// <summary>"Cannot send messages to this user": the member's privacy settings refuse DMs from the bot.</summary>
    public const int CannotMessageUser = 50007;

    public string Platform => DiscordInteractionHandler.Platform;

    public async Task<DeliveryResult> PostAsync(PostKey key, PrivateNotice content, CancellationToken ct)
    {
        var user = PrivatePost.UserOf(key);
        string channel;
        try
        {
            channel = user is null ? key.Channel : await rest.OpenDirectMessageAsync(user, ct);
        }
        catch (DiscordApiException e)
        {
            return Refused(key, e);
        }
        catch (DiscordUnavailableException e)
        {
            // Opening the conversation posts nothing: even without an answer, trying again later is safe.
            return DeliveryResult.Failed(e.Message, retryable: true);
        }

        var marker = DiscordPostDelivery.Marker(key.Token);
        var messages = DiscordReplyRenderer.Render(content.Reply, reserved: marker.Length);
        string? first = null;
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i] with { Nonce = DiscordPostDelivery.Nonce(key.Token, i), EnforceNonce = true };
            if (i == 0)
            {
                message = message with { Embeds = [.. message.Embeds!.SkipLast(1), message.Embeds![^1] with { Footer = new EmbedFooterBody(marker) }] };
                if (user is null)
                {
                    // In a channel only the first message pings, and only the student it names.
                    message = message with { Content = $"<@{content.To.UserId}>", AllowedMentions = new AllowedMentionsBody([], Users: [content.To.UserId]) };
                }
            }

            try
            {
                first ??= (await rest.CreateMessageAsync(channel, message, ct)).Id;
            }
            catch (DiscordApiException e)
            {
                // The rest of a split notice cannot follow on its own once the first part is out.
                return first is not null ? DeliveryResult.Sent(first) : Refused(key, e);
            }
            catch (DiscordUnavailableException e) when (!e.OutcomeUnknown && first is null)
            {
                return DeliveryResult.Failed(e.Message, retryable: true);
            }
        }

        return DeliveryResult.Sent(first!);
    }

    public async Task<string?> FindExistingAsync(PostKey key, CancellationToken ct)
    {
        var channel = PrivatePost.UserOf(key) is { } user ? await rest.OpenDirectMessageAsync(user, ct) : key.Channel;
        var marker = DiscordPostDelivery.Marker(key.Token);
        var recent = await rest.RecentMessagesAsync(channel, DiscordPostDelivery.HistoryDepth, ct);
        return recent.FirstOrDefault(m => m.Author?.Bot == true && m.Embeds?.Any(e => e.Footer?.Text == marker) == true)?.Id;
    }

    public IReadOnlyList<string> Channels(CourseChannels channels) => channels.Discord;

    private DeliveryResult Refused(PostKey key, DiscordApiException e)
    {
        var reason = e.Code == CannotMessageUser
            ? $"user {PrivatePost.UserOf(key)} does not take direct messages from the bot (Cannot send messages to this user)"
            : DiscordPostDelivery.Explain(key.Channel, e);
        LogRefused(key.ToString(), reason);
        return DeliveryResult.Failed(reason, retryable: false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord notice {Key} refused: {Reason}")]
    private partial void LogRefused(string key, string reason);
}
