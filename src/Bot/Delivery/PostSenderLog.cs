using Microsoft.Extensions.Logging;

namespace CourseBot.Bot.Delivery;

internal static partial class PostSenderLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Posted {Key} as message {MessageId}")]
    public static partial void Sent(ILogger logger, PostKey key, string messageId);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug, Message = "Post {Key} already went out as message {MessageId}")]
    public static partial void AlreadySent(ILogger logger, PostKey key, string? messageId);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Post {Key} was skipped earlier; not sending it")]
    public static partial void SkippedEarlier(ILogger logger, PostKey key);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Post {Key} is being sent by {Claimant}; leaving it")]
    public static partial void ClaimedElsewhere(ILogger logger, PostKey key, string? claimant);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Took over post {Key}, abandoned by {Claimant} since {ClaimedAt}; asking the platform whether it went out")]
    public static partial void TookOver(ILogger logger, PostKey key, string? claimant, DateTimeOffset? claimedAt);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "Post {Key} had gone out as message {MessageId} before its sender stopped; recorded it without re-sending")]
    public static partial void FoundExisting(ILogger logger, PostKey key, string messageId);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning, Message = "Platform refused post {Key}: {Reason} (retryable: {Retryable})")]
    public static partial void Refused(ILogger logger, PostKey key, string reason, bool retryable);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Information, Message = "Post {Key}: resuming our claim from before a storage fault (nothing was sent under it)")]
    public static partial void ResumingInterrupted(ILogger logger, PostKey key);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Information, Message = "Post {Key}: recorded message {MessageId}, sent while the store was failing")]
    public static partial void RecordedLate(ILogger logger, PostKey key, string messageId);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information, Message = "Post {Key}: our claim from before a storage fault was taken over by another copy; it finishes the post")]
    public static partial void ClaimTakenOver(ILogger logger, PostKey key);
}
