using Microsoft.Extensions.Logging;

namespace CourseBot.Bot.Delivery;

/// <summary>
/// Keeps a sent post's message showing the current content: claims the edit in the ledger (one node per
/// post at a time), edits the message in place, records the version it now shows. A message staff deleted
/// is recorded as gone and, when the caller asks, posted again — once in the post's life. See
/// docs/delivery.md, "Edits".
/// </summary>
public sealed class PostEditor<TContent>
{
    private readonly IPostingLedger _ledger;
    private readonly PostSender<TContent> _sender;
    private readonly IReadOnlyDictionary<string, IPostDelivery<TContent>> _deliveries;
    private readonly string _node;
    private readonly ILogger _logger;

    /// <param name="node">Names this bot process in claims; each call adds a unique suffix.</param>
    public PostEditor(IPostingLedger ledger, PostSender<TContent> sender, IEnumerable<IPostDelivery<TContent>> deliveries, string node, ILogger<PostEditor<TContent>> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(node);
        _ledger = ledger;
        _sender = sender;
        _deliveries = deliveries.ToDictionary(d => d.Platform, StringComparer.Ordinal);
        _node = node;
        _logger = logger;
    }

    /// <summary>
    /// Brings the post <paramref name="key"/> to <paramref name="version"/> (a digest of what
    /// <paramref name="content"/> shows): nothing when the ledger says its message already shows it,
    /// otherwise one edit. Throws when the platform's answer is unknown (the claim then stays until its
    /// lease ends, and whoever takes it over edits again: an edit to the same content is harmless).
    /// </summary>
    public async Task<EditOutcome> EnsureCurrentAsync(PostKey key, TContent content, string version, EditOptions options, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        if (!_deliveries.TryGetValue(key.Platform, out var delivery))
        {
            throw new InvalidOperationException($"No delivery is configured for platform '{key.Platform}' (post {key}).");
        }

        var claimant = $"{_node}/{Guid.NewGuid():N}";
        var claim = await _ledger.TryClaimEditAsync(key, version, claimant, options.RepostIfGone, ct);
        switch (claim.Outcome)
        {
            case EditClaimOutcome.Current:
                return new EditOutcome(EditStatus.Current, claim.MessageId);
            case EditClaimOutcome.InProgress:
                PostEditorLog.ClaimedElsewhere(_logger, key);
                return new EditOutcome(EditStatus.InProgress, claim.MessageId);
            case EditClaimOutcome.Gone:
                return new EditOutcome(EditStatus.Gone, claim.MessageId);
            case EditClaimOutcome.NotSent:
                return options.SendIfMissing ? await SendAsync(key, content, version, options, ct) : new EditOutcome(EditStatus.NotSent);
            case EditClaimOutcome.Claimed when claim.Repost:
                return await RepostAsync(key, content, version, claim, claimant, delivery, ct);
            default:
                return await EditAsync(key, content, version, options, claim, claimant, delivery, ct);
        }
    }

    private async Task<EditOutcome> EditAsync(
        PostKey key, TContent content, string version, EditOptions options, EditClaim claim, string claimant, IPostDelivery<TContent> delivery, CancellationToken ct)
    {
        var messageId = claim.MessageId ?? throw new InvalidOperationException($"Post {key} is recorded as sent without a message id.");
        var result = await delivery.EditAsync(key, messageId, content, ct);
        switch (result)
        {
            case EditResult.Edited:
                await _ledger.MarkEditedAsync(key, claimant, version, ct);
                PostEditorLog.Edited(_logger, key, messageId, claim.Version, version);
                return new EditOutcome(EditStatus.Edited, messageId);
            case EditResult.Gone gone when options.RepostIfGone && !claim.RepostedBefore:
                await _ledger.MarkGoneAsync(key, claimant, gone.Reason, reposting: true, ct);
                PostEditorLog.Gone(_logger, key, messageId, gone.Reason, true);
                return await RepostAsync(key, content, version, claim with { Repost = true }, claimant, delivery, ct);
            case EditResult.Gone gone:
                await _ledger.MarkGoneAsync(key, claimant, gone.Reason, reposting: false, ct);
                PostEditorLog.Gone(_logger, key, messageId, gone.Reason, false);
                return new EditOutcome(EditStatus.Gone, messageId, Reason: gone.Reason);
            case EditResult.Later later:
                await _ledger.ReleaseEditAsync(key, claimant, later.Reason, ct);
                PostEditorLog.Refused(_logger, key, later.Reason, true);
                return new EditOutcome(EditStatus.RetryLater, messageId, later.RetryAfter, later.Reason);
            case EditResult.Refused refused:
                await _ledger.ReleaseEditAsync(key, claimant, refused.Reason, ct);
                PostEditorLog.Refused(_logger, key, refused.Reason, false);
                return new EditOutcome(EditStatus.Refused, messageId, Reason: refused.Reason);
            default:
                throw new InvalidOperationException($"Unknown edit result {result}.");
        }
    }

    /// <summary>Posts a deleted message again, holding the edit claim; a node that took the claim over looks for it first.</summary>
    private async Task<EditOutcome> RepostAsync(
        PostKey key, TContent content, string version, EditClaim claim, string claimant, IPostDelivery<TContent> delivery, CancellationToken ct)
    {
        if (claim.MayHaveReposted && await delivery.FindExistingAsync(key, ct) is { } existing)
        {
            // Posted by the node that stopped, perhaps at another version: recorded as unknown, the next call edits it.
            await _ledger.MarkRepostedAsync(key, claimant, existing, null, ct);
            PostEditorLog.Reposted(_logger, key, existing);
            return new EditOutcome(EditStatus.Reposted, existing);
        }

        // An exception here leaves the claim (and gone_at) in place: whoever takes it over looks first.
        var result = await delivery.PostAsync(key, content, ct);
        if (result.MessageId is { } messageId)
        {
            await _ledger.MarkRepostedAsync(key, claimant, messageId, version, ct);
            PostEditorLog.Reposted(_logger, key, messageId);
            return new EditOutcome(EditStatus.Reposted, messageId);
        }

        var reason = result.FailureReason ?? "refused without a reason";
        await _ledger.ReleaseEditAsync(key, claimant, reason, ct);
        PostEditorLog.Refused(_logger, key, reason, result.Retryable);
        return new EditOutcome(result.Retryable ? EditStatus.RetryLater : EditStatus.Refused, Reason: reason);
    }

    private async Task<EditOutcome> SendAsync(PostKey key, TContent content, string version, EditOptions options, CancellationToken ct)
    {
        var outcome = await _sender.SendAsync(key, content, version, ct);
        return outcome switch
        {
            PostOutcome.Sent => new EditOutcome(EditStatus.Sent),
            // Sent meanwhile by someone else, or recovered from a stopped sender: its version is another or unknown.
            PostOutcome.AlreadySent or PostOutcome.Recovered => await EnsureCurrentAsync(key, content, version, options with { SendIfMissing = false }, ct),
            PostOutcome.InProgress => new EditOutcome(EditStatus.InProgress),
            PostOutcome.Skipped => new EditOutcome(EditStatus.NotSent, Reason: "the post was skipped"),
            PostOutcome.RetryableFailure => new EditOutcome(EditStatus.RetryLater),
            _ => new EditOutcome(EditStatus.Refused),
        };
    }
}

internal static partial class PostEditorLog
{
    [LoggerMessage(EventId = 4021, Level = LogLevel.Information, Message = "Edited {Key} (message {MessageId}) from version {From} to {To}")]
    public static partial void Edited(ILogger logger, PostKey key, string messageId, string? from, string to);

    [LoggerMessage(EventId = 4022, Level = LogLevel.Warning, Message = "Post {Key}: message {MessageId} is gone ({Reason}); posting it again: {Reposting}")]
    public static partial void Gone(ILogger logger, PostKey key, string messageId, string reason, bool reposting);

    [LoggerMessage(EventId = 4023, Level = LogLevel.Information, Message = "Post {Key} posted again as message {MessageId} after its message was deleted")]
    public static partial void Reposted(ILogger logger, PostKey key, string messageId);

    [LoggerMessage(EventId = 4024, Level = LogLevel.Warning, Message = "Platform refused the edit of {Key}: {Reason} (retryable: {Retryable})")]
    public static partial void Refused(ILogger logger, PostKey key, string reason, bool retryable);

    [LoggerMessage(EventId = 4025, Level = LogLevel.Debug, Message = "The edit of {Key} is claimed by another node; leaving it")]
    public static partial void ClaimedElsewhere(ILogger logger, PostKey key);
}
