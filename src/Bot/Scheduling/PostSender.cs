using Microsoft.Extensions.Logging;

namespace CourseBot.Bot.Scheduling;

/// <summary>
/// Sends one post exactly once: claim it in the ledger, send it with its idempotency token, record the
/// platform's message id. A claim abandoned by a crashed node is taken over, and the platform is asked
/// whether the post went out before it is sent again. See docs/delivery.md.
/// </summary>
public sealed class PostSender<TContent>
{
    private readonly IPostingLedger ledger;
    private readonly IReadOnlyDictionary<string, IPostDelivery<TContent>> deliveries;
    private readonly string node;
    private readonly ILogger logger;

    /// <param name="node">Names this bot process in claims (host name, instance id); each send adds a unique suffix.</param>
    public PostSender(IPostingLedger ledger, IEnumerable<IPostDelivery<TContent>> deliveries, string node, ILogger<PostSender<TContent>> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(node);
        this.ledger = ledger;
        this.deliveries = deliveries.ToDictionary(d => d.Platform, StringComparer.Ordinal);
        this.node = node;
        this.logger = logger;
    }

    public async Task<PostOutcome> SendAsync(PostKey key, TContent content, CancellationToken ct)
    {
        if (!deliveries.TryGetValue(key.Platform, out var delivery))
        {
            throw new InvalidOperationException($"No delivery is configured for platform '{key.Platform}' (post {key}).");
        }

        var claimant = $"{node}/{Guid.NewGuid():N}";
        var claim = await ledger.TryClaimAsync(key, claimant, ct);
        switch (claim.Outcome)
        {
            case ClaimOutcome.AlreadySent:
                PostSenderLog.AlreadySent(logger, key, claim.MessageId);
                return PostOutcome.AlreadySent;
            case ClaimOutcome.Skipped:
                PostSenderLog.SkippedEarlier(logger, key);
                return PostOutcome.Skipped;
            case ClaimOutcome.InProgress:
                PostSenderLog.ClaimedElsewhere(logger, key, claim.Claimant);
                return PostOutcome.InProgress;
            case ClaimOutcome.Stale:
                return await RecoverAsync(key, content, claim, claimant, delivery, ct);
            default:
                return await PostAsync(key, content, claimant, delivery, ct);
        }
    }

    private async Task<PostOutcome> RecoverAsync(
        PostKey key, TContent content, ClaimResult stale, string claimant, IPostDelivery<TContent> delivery, CancellationToken ct)
    {
        // Take over first, so that of several nodes finding the same abandoned claim only one asks
        // the platform and, if need be, sends.
        if (!await ledger.TryTakeOverAsync(key, stale, claimant, ct))
        {
            PostSenderLog.ClaimedElsewhere(logger, key, stale.Claimant);
            return PostOutcome.InProgress;
        }

        PostSenderLog.TookOver(logger, key, stale.Claimant, stale.ClaimedAt);
        var existing = await delivery.FindExistingAsync(key, ct);
        if (existing is not null)
        {
            await ledger.MarkSentAsync(key, claimant, existing, ct);
            PostSenderLog.FoundExisting(logger, key, existing);
            return PostOutcome.Recovered;
        }

        return await PostAsync(key, content, claimant, delivery, ct);
    }

    private async Task<PostOutcome> PostAsync(
        PostKey key, TContent content, string claimant, IPostDelivery<TContent> delivery, CancellationToken ct)
    {
        // An exception here means the outcome is unknown: the claim stays in 'sending' on purpose, and
        // whoever finds it stale asks the platform before sending again.
        var result = await delivery.PostAsync(key, content, ct);
        if (result.MessageId is { } messageId)
        {
            await ledger.MarkSentAsync(key, claimant, messageId, ct);
            PostSenderLog.Sent(logger, key, messageId);
            return PostOutcome.Sent;
        }

        var reason = result.FailureReason ?? "refused without a reason";
        await ledger.ReleaseAsync(key, claimant, reason, ct);
        PostSenderLog.Refused(logger, key, reason, result.Retryable);
        return result.Retryable ? PostOutcome.RetryableFailure : PostOutcome.PermanentFailure;
    }
}
