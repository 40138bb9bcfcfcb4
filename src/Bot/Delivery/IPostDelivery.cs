namespace CourseBot.Bot.Delivery;

/// <summary>
/// What a platform adapter offers the scheduler: post a message for a key, and find a message already
/// posted for a key. <typeparamref name="TContent"/> is the platform-neutral message
/// (<c>CourseBot.Core.Replies.Reply</c> once Core has it).
/// </summary>
public interface IPostDelivery<in TContent>
{
    /// <summary>"discord", "slack", "local" — matches <see cref="PostKey.Platform"/>.</summary>
    string Platform { get; }

    /// <summary>
    /// Posts <paramref name="content"/> to <see cref="PostKey.Channel"/>, carrying <see cref="PostKey.Token"/>
    /// as an idempotency token where the platform has one (Discord: <c>nonce</c> + <c>enforce_nonce</c>).
    /// Returns a definite answer; throws when the outcome is unknown.
    /// </summary>
    Task<DeliveryResult> PostAsync(PostKey key, TContent content, CancellationToken ct);

    /// <summary>
    /// The id of a message already posted for <paramref name="key"/> (e.g. found by its token in the
    /// channel's recent history), or <see langword="null"/> when there is none or the platform cannot tell.
    /// </summary>
    Task<string?> FindExistingAsync(PostKey key, CancellationToken ct);

    /// <summary>
    /// Replaces the content of the message <paramref name="messageId"/> posted for <paramref name="key"/>
    /// (Discord: <c>PATCH /channels/{channel}/messages/{message}</c>; Slack: <c>chat.update</c>). Returns a
    /// definite answer; throws when the outcome is unknown. A platform that cannot edit refuses.
    /// </summary>
    Task<EditResult> EditAsync(PostKey key, string messageId, TContent content, CancellationToken ct) =>
        Task.FromResult<EditResult>(new EditResult.Refused($"{Platform} cannot edit a message it posted"));
}
