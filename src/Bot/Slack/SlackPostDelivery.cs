using System.Collections.Concurrent;
using CourseBot.Bot.Delivery;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Slack;

/// <summary>
/// Posts announcements and reminders with <c>chat.postMessage</c>, at most one message per second per
/// channel (Slack's limit; a burst queues instead of meeting 429s). The post's ledger token travels in
/// the first message's metadata (<c>event_type</c> <see cref="SlackApiClient.PostEventType"/>), which Slack
/// stores and returns from <c>conversations.history</c> with <c>include_all_metadata</c>: that is how a
/// post sent just before a crash is found again.
/// </summary>
public sealed partial class SlackPostDelivery(SlackApiClient api, TimeProvider time, ILogger<SlackPostDelivery> logger) : IPostDelivery<Reply>
{
    public const int HistoryDepth = 50;

    private readonly ConcurrentDictionary<string, ChannelPace> _paces = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _channelProblems = new(StringComparer.Ordinal);

    public string Platform => "slack";

    private volatile string? _tokenProblem;

    /// <summary>Why Slack refused the bot token on the last post, or null: no channel can be posted to until it is fixed.</summary>
    public string? TokenProblem => _tokenProblem;

    /// <summary>Channels whose last post was refused, and what to do about it.</summary>
    public IReadOnlyDictionary<string, string> ChannelProblems => _channelProblems;

    public async Task<DeliveryResult> PostAsync(PostKey key, Reply content, CancellationToken ct)
    {
        var messages = SlackReplyRenderer.Render(content);
        string? first = null;
        for (var i = 0; i < messages.Count; i++)
        {
            try
            {
                var message = messages[i];
                var postKey = i == 0 ? key.Token : null;
                var ts = await PacedAsync(key.Channel, () => api.PostMessageAsync(key.Channel, message, postKey, ct), ct);
                first ??= ts;
            }
            catch (SlackApiException e) when (e.IsAuthFailure)
            {
                _tokenProblem = $"{e.Error}: {SlackApiException.Explain(e.Error)}";
                LogTokenRefused(e.Error);
                return first is not null ? DeliveryResult.Sent(first) : DeliveryResult.Failed(_tokenProblem, retryable: false);
            }
            catch (SlackApiException e)
            {
                _channelProblems[key.Channel] = $"{e.Error}: {SlackApiException.Explain(e.Error)}";
                LogRefused(key.Channel, e.Error, SlackApiException.Explain(e.Error));
                return first is not null ? DeliveryResult.Sent(first) : DeliveryResult.Failed($"{e.Error}: {SlackApiException.Explain(e.Error)}", e.IsRetryable);
            }
            catch (SlackUnavailableException e) when (!e.OutcomeUnknown && first is null)
            {
                return DeliveryResult.Failed(e.Message, retryable: true);
            }
        }

        _channelProblems.TryRemove(key.Channel, out _);
        _tokenProblem = null;
        return DeliveryResult.Sent(first!);
    }

    public async Task<string?> FindExistingAsync(PostKey key, CancellationToken ct)
    {
        var recent = await api.RecentAsync(key.Channel, HistoryDepth, ct);
        return recent.FirstOrDefault(m => m.PostKey == key.Token).Ts;
    }

    /// <summary>
    /// Edits the post's first message with <c>chat.update</c> (its metadata stays, so it can still be found).
    /// A version that no longer fits in one message is refused rather than cut. Edits are not paced:
    /// <c>chat.update</c> is not under <c>chat.postMessage</c>'s one-per-second rule, and a 429 is waited out.
    /// </summary>
    public async Task<EditResult> EditAsync(PostKey key, string messageId, Reply content, CancellationToken ct)
    {
        var messages = SlackReplyRenderer.Render(content);
        if (messages.Count > 1)
        {
            return new EditResult.Refused($"the new version needs {messages.Count} messages; only message {messageId} can be edited");
        }

        try
        {
            await api.UpdateMessageAsync(key.Channel, messageId, messages[0], ct);
            return new EditResult.Edited();
        }
        catch (SlackApiException e) when (e.Error is "message_not_found" or "cant_update_message")
        {
            return new EditResult.Gone($"message {messageId} can no longer be edited ({e.Error}): deleted, or not the bot's");
        }
        catch (SlackApiException e) when (e.IsRetryable)
        {
            return new EditResult.Later(null, $"{e.Error}: {SlackApiException.Explain(e.Error)}");
        }
        catch (SlackApiException e)
        {
            return new EditResult.Refused($"{e.Error}: {SlackApiException.Explain(e.Error)}");
        }
        catch (SlackUnavailableException e)
        {
            // chat.update to the same content may be repeated, so even an unknown outcome is "later".
            return new EditResult.Later(e.RetryAfter, e.Message);
        }
    }

    /// <summary>
    /// One post at a time per channel, each a second after the previous one was answered (counting from
    /// the answer, so a slow first request cannot bring the next one within Slack's second).
    /// </summary>
    private async Task<string> PacedAsync(string channel, Func<Task<string>> post, CancellationToken cancellationToken)
    {
        var pace = _paces.GetOrAdd(channel, _ => new ChannelPace());
        await pace.Gate.WaitAsync(cancellationToken);
        try
        {
            var wait = pace.Last + SlackLimits.PostInterval - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken);
            }

            return await post();
        }
        finally
        {
            pace.Last = time.GetUtcNow();
            pace.Gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Slack refused the bot token ({Error}): no post can go out until Slack__BotToken is fixed")]
    private partial void LogTokenRefused(string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack post to {Channel} refused: {Error}: {Advice}")]
    private partial void LogRefused(string channel, string error, string advice);

    private sealed class ChannelPace
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public DateTimeOffset Last { get; set; } = DateTimeOffset.MinValue;
    }
}
