namespace CourseBot.Bot.Delivery;

/// <summary>
/// What a platform said to a post: accepted with a message id, or refused. Only a definite answer is a
/// <see cref="DeliveryResult"/>; when the outcome is unknown (timeout, connection lost) the adapter throws.
/// </summary>
public sealed record DeliveryResult
{
    private DeliveryResult(string? messageId, string? failureReason, bool retryable)
    {
        MessageId = messageId;
        FailureReason = failureReason;
        Retryable = retryable;
    }

    /// <summary>The platform's id for the posted message; set when <see cref="IsSent"/>.</summary>
    public string? MessageId { get; }

    /// <summary>Why the platform refused the post; set when not <see cref="IsSent"/>.</summary>
    public string? FailureReason { get; }

    /// <summary>Whether trying again later may succeed (rate limit, 5xx) rather than never (missing channel, no permission).</summary>
    public bool Retryable { get; }

    public bool IsSent => MessageId is not null;

    public static DeliveryResult Sent(string messageId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        return new(messageId, null, false);
    }

    public static DeliveryResult Failed(string reason, bool retryable)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(null, reason, retryable);
    }
}
