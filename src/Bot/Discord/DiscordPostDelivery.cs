using System.Collections.Concurrent;
using System.Net;
using CourseBot.Bot.Delivery;
using CourseBot.Bot.Discord.Rest;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Discord;

/// <summary>
/// Posts announcements and reminders to Discord channels. Each message carries a nonce derived from the
/// post's ledger token with <c>enforce_nonce</c>, so a retry within Discord's window (a few minutes)
/// returns the message already posted instead of posting it twice. Past that window only the message
/// itself can tell: the first message's footer carries <see cref="Marker"/>, which Discord stores and
/// returns when listing the channel (it does not return the nonce there). Pings are switched off.
/// </summary>
public sealed partial class DiscordPostDelivery(DiscordRestClient rest, ILogger<DiscordPostDelivery> logger) : IPostDelivery<Reply>
{
    /// <summary>How far back <see cref="FindExistingAsync"/> looks for a post that went out before a crash.</summary>
    public const int HistoryDepth = 50;

    private readonly ConcurrentDictionary<string, string> _channelProblems = new(StringComparer.Ordinal);

    public string Platform => "discord";

    /// <summary>Channels whose last post was refused, and why (shown on /readyz until a post succeeds).</summary>
    public IReadOnlyDictionary<string, string> ChannelProblems => _channelProblems;

    public async Task<DeliveryResult> PostAsync(PostKey key, Reply content, CancellationToken ct)
    {
        var marker = Marker(key.Token);
        var messages = DiscordReplyRenderer.Render(content, reserved: marker.Length);
        string? first = null;
        for (var i = 0; i < messages.Count; i++)
        {
            try
            {
                var message = messages[i] with { Nonce = Nonce(key.Token, i), EnforceNonce = true };
                var posted = await rest.CreateMessageAsync(key.Channel, i == 0 ? Marked(message, marker) : message, ct);
                first ??= posted.Id;
            }
            catch (DiscordApiException e)
            {
                var reason = Explain(key.Channel, e);
                _channelProblems[key.Channel] = reason;
                LogRefused(key.Channel, reason);
                if (first is not null)
                {
                    // The post is out and recorded; the rest of a split reply cannot follow on its own.
                    return DeliveryResult.Sent(first);
                }

                return DeliveryResult.Failed(reason, retryable: false);
            }
            catch (DiscordUnavailableException e) when (!e.OutcomeUnknown && first is null)
            {
                _channelProblems[key.Channel] = e.Message;
                return DeliveryResult.Failed(e.Message, retryable: true);
            }
        }

        _channelProblems.TryRemove(key.Channel, out _);
        return DeliveryResult.Sent(first!);
    }

    public async Task<string?> FindExistingAsync(PostKey key, CancellationToken ct)
    {
        var marker = Marker(key.Token);
        var recent = await rest.RecentMessagesAsync(key.Channel, HistoryDepth, ct);
        return recent.FirstOrDefault(m => m.Author?.Bot == true && m.Embeds?.Any(e => e.Footer?.Text == marker) == true)?.Id;
    }

    /// <summary>
    /// Edits the post's first message in place, keeping its <see cref="Marker"/> so it can still be found.
    /// A version that no longer fits in one message is refused rather than cut: the rest could not follow.
    /// An edit may be repeated safely, so no answer at all is "later" too.
    /// </summary>
    public async Task<EditResult> EditAsync(PostKey key, string messageId, Reply content, CancellationToken ct)
    {
        var marker = Marker(key.Token);
        var messages = DiscordReplyRenderer.Render(content, reserved: marker.Length);
        if (messages.Count > 1)
        {
            return new EditResult.Refused($"the new version needs {messages.Count} messages; only message {messageId} can be edited");
        }

        try
        {
            await rest.EditMessageAsync(key.Channel, messageId, Marked(messages[0], marker), ct);
            return new EditResult.Edited();
        }
        catch (DiscordApiException e) when (e.Code == UnknownMessage)
        {
            return new EditResult.Gone($"message {messageId} was deleted (Unknown Message)");
        }
        catch (DiscordApiException e)
        {
            return new EditResult.Refused(Explain(key.Channel, e));
        }
        catch (DiscordUnavailableException e)
        {
            return new EditResult.Later(e.RetryAfter, e.Message);
        }
    }

    /// <summary>Discord's JSON error code for a message that does not exist (deleted).</summary>
    public const int UnknownMessage = 10008;

    /// <summary>
    /// The footer of a post's first message: names the post in the channel itself, so a post sent just
    /// before a crash is found in the history however long ago that was. Only messages by a bot account
    /// count: a member's link preview could carry any footer.
    /// </summary>
    public static string Marker(string token) => $"CourseBot · {token}";

    /// <summary>The message with <paramref name="marker"/> as the footer of its last embed.</summary>
    private static MessageBody Marked(MessageBody message, string marker) =>
        message with { Embeds = [.. message.Embeds!.SkipLast(1), message.Embeds![^1] with { Footer = new EmbedFooterBody(marker) }] };

    /// <summary>The ledger token for the first message; a reply split across messages numbers the rest.</summary>
    public static string Nonce(string token, int index) =>
        index == 0 ? token : $"{token[..Math.Min(token.Length, DiscordLimits.Nonce - 3)]}-{index:D2}";

    /// <summary>What the instructor should do, for the errors a misconfigured channel produces.</summary>
    public static string Explain(string channel, DiscordApiException e) => e.Code switch
    {
        10003 => $"channel {channel} does not exist (Unknown Channel): check channels.discord in the course file",
        50001 => $"the bot cannot see channel {channel} (Missing Access): add it to the server and let it view the channel",
        50013 => $"the bot may not post in channel {channel} (Missing Permissions): allow Send Messages and Embed Links",
        _ when e.Status == HttpStatusCode.Unauthorized => "Discord refused the bot token (401): reset it in the Developer Portal and set Discord__BotToken",
        _ => $"Discord refused the post to channel {channel}: {(int)e.Status} {e.DiscordMessage}",
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Discord post to {Channel} refused: {Reason}")]
    private partial void LogRefused(string channel, string reason);
}
