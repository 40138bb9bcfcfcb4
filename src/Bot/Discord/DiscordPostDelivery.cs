using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using CourseBot.Bot.Discord.Rest;
using CourseBot.Bot.Scheduling;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Discord;

/// <summary>
/// Posts announcements and reminders to Discord channels. Each message carries a nonce derived from the
/// post's ledger token with <c>enforce_nonce</c>, so a retry within Discord's window returns the message
/// already posted instead of posting it twice; pings are switched off.
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
        var messages = DiscordReplyRenderer.Render(content);
        string? first = null;
        for (var i = 0; i < messages.Count; i++)
        {
            try
            {
                var posted = await rest.CreateMessageAsync(key.Channel, DiscordPayloads.Message(messages[i], nonce: Nonce(key.Token, i)), ct);
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
        var recent = await rest.RecentMessagesAsync(key.Channel, HistoryDepth, ct);
        return recent.FirstOrDefault(m => m.Nonce is { ValueKind: JsonValueKind.String } nonce && nonce.GetString() == key.Token)?.Id;
    }

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
