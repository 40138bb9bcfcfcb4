using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Extensions.Logging;

namespace CourseBot.Bot.Delivery;

/// <summary>
/// Sends one post exactly once: claim it in the ledger, send it with its idempotency token, record the
/// platform's message id. A claim abandoned by a crashed node is taken over, and the platform is asked
/// whether the post went out before it is sent again. When the store fails mid-way (the claim's or the
/// record's answer is lost), what this process knows is kept and finished by <see cref="FinishInterruptedAsync"/>
/// or the next <see cref="SendAsync"/> of that post once the store answers again. See docs/delivery.md.
/// </summary>
public sealed class PostSender<TContent>
{
    private readonly IPostingLedger _ledger;
    private readonly IReadOnlyDictionary<string, IPostDelivery<TContent>> _deliveries;
    private readonly string _node;
    private readonly ILogger _logger;

    // Posts whose ledger write failed on a storage fault, by key: what this process knows and must record.
    private readonly ConcurrentDictionary<PostKey, Interrupted> _interrupted = new();

    /// <param name="node">Names this bot process in claims (host name, instance id); each send adds a unique suffix.</param>
    public PostSender(IPostingLedger ledger, IEnumerable<IPostDelivery<TContent>> deliveries, string node, ILogger<PostSender<TContent>> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(node);
        _ledger = ledger;
        _deliveries = deliveries.ToDictionary(d => d.Platform, StringComparer.Ordinal);
        _node = node;
        _logger = logger;
    }

    public Task<PostOutcome> SendAsync(PostKey key, TContent content, CancellationToken ct) => SendAsync(key, content, null, ct);

    /// <summary>Sends the post, recording <paramref name="version"/> as the content version its message shows (for <see cref="PostEditor{TContent}"/>).</summary>
    public async Task<PostOutcome> SendAsync(PostKey key, TContent content, string? version, CancellationToken ct)
    {
        if (!_deliveries.TryGetValue(key.Platform, out var delivery))
        {
            throw new InvalidOperationException($"No delivery is configured for platform '{key.Platform}' (post {key}).");
        }

        var claimant = $"{_node}/{Guid.NewGuid():N}";
        ClaimResult claim;
        try
        {
            claim = await _ledger.TryClaimAsync(key, claimant, ct);
        }
        catch (DbException)
        {
            // The claim may have reached the store although its answer did not; nothing was sent under it.
            _interrupted.TryAdd(key, new Interrupted(claimant, null, null, version));
            throw;
        }

        switch (claim.Outcome)
        {
            case ClaimOutcome.AlreadySent:
                PostSenderLog.AlreadySent(_logger, key, claim.MessageId);
                return PostOutcome.AlreadySent;
            case ClaimOutcome.Skipped:
                PostSenderLog.SkippedEarlier(_logger, key);
                return PostOutcome.Skipped;
            case ClaimOutcome.InProgress when claim.Claimant is { } holder
                && _interrupted.TryGetValue(key, out var mine) && mine.Claimant == holder && mine.MessageId is null
                && mine.PermanentRefusal is null && _interrupted.TryRemove(new KeyValuePair<PostKey, Interrupted>(key, mine)):
                // Our own claim from before a storage fault: it reached the store, nothing was sent under it.
                PostSenderLog.ResumingInterrupted(_logger, key);
                return await PostAsync(key, content, version, holder, delivery, ct);
            case ClaimOutcome.InProgress:
                PostSenderLog.ClaimedElsewhere(_logger, key, claim.Claimant);
                return PostOutcome.InProgress;
            case ClaimOutcome.Stale:
                return await RecoverAsync(key, content, version, claim, claimant, delivery, ct);
            default:
                ForgetInterruptedClaim(key);
                return await PostAsync(key, content, version, claimant, delivery, ct);
        }
    }

    /// <summary>
    /// Records what storage faults kept from the ledger: a post that went out is marked sent (so nobody
    /// sends it again), a permanent refusal is released. Throws the store's error while it still fails.
    /// </summary>
    public async Task FinishInterruptedAsync(CancellationToken ct)
    {
        foreach (var (key, what) in _interrupted)
        {
            if (what.MessageId is null && what.PermanentRefusal is null)
            {
                continue; // Finished by the next SendAsync of the post (PostReconciler runs it).
            }

            try
            {
                if (what.MessageId is { } messageId)
                {
                    await _ledger.MarkSentAsync(key, what.Claimant, messageId, what.Version, ct);
                    PostSenderLog.RecordedLate(_logger, key, messageId);
                }
                else
                {
                    await _ledger.ReleaseAsync(key, what.Claimant, what.PermanentRefusal!, ct);
                }
            }
            catch (LostClaimException)
            {
                // Our claim was taken over after its lease: the new owner asks the platform, which has the post.
                PostSenderLog.ClaimTakenOver(_logger, key);
            }

            _interrupted.TryRemove(new KeyValuePair<PostKey, Interrupted>(key, what));
        }
    }

    private void ForgetInterruptedClaim(PostKey key)
    {
        if (_interrupted.TryGetValue(key, out var stale) && stale.MessageId is null && stale.PermanentRefusal is null)
        {
            // The interrupted claim never reached the store (we could claim the post afresh).
            _interrupted.TryRemove(new KeyValuePair<PostKey, Interrupted>(key, stale));
        }
    }

    private async Task<PostOutcome> RecoverAsync(
        PostKey key, TContent content, string? version, ClaimResult stale, string claimant, IPostDelivery<TContent> delivery, CancellationToken ct)
    {
        // Take over first, so that of several nodes finding the same abandoned claim only one asks
        // the platform and, if need be, sends.
        if (!await _ledger.TryTakeOverAsync(key, stale, claimant, ct))
        {
            PostSenderLog.ClaimedElsewhere(_logger, key, stale.Claimant);
            return PostOutcome.InProgress;
        }

        PostSenderLog.TookOver(_logger, key, stale.Claimant, stale.ClaimedAt);
        var existing = await delivery.FindExistingAsync(key, ct);
        if (existing is not null)
        {
            // The message found may show an older version than ours: recorded as unknown, an edit brings it up to date.
            await RecordAsync(key, new Interrupted(claimant, existing, null, null), () => _ledger.MarkSentAsync(key, claimant, existing, null, ct));
            PostSenderLog.FoundExisting(_logger, key, existing);
            return PostOutcome.Recovered;
        }

        return await PostAsync(key, content, version, claimant, delivery, ct);
    }

    private async Task<PostOutcome> PostAsync(
        PostKey key, TContent content, string? version, string claimant, IPostDelivery<TContent> delivery, CancellationToken ct)
    {
        // An exception here means the outcome is unknown: the claim stays in 'sending' on purpose, and
        // whoever finds it stale asks the platform before sending again.
        var result = await delivery.PostAsync(key, content, ct);
        if (result.MessageId is { } messageId)
        {
            await RecordAsync(key, new Interrupted(claimant, messageId, null, version), () => _ledger.MarkSentAsync(key, claimant, messageId, version, ct));
            PostSenderLog.Sent(_logger, key, messageId);
            return PostOutcome.Sent;
        }

        var reason = result.FailureReason ?? "refused without a reason";
        // A retryable refusal whose release is lost stays our claim with nothing sent: the next run sends it.
        await RecordAsync(key, new Interrupted(claimant, null, result.Retryable ? null : reason, version), () => _ledger.ReleaseAsync(key, claimant, reason, ct));
        PostSenderLog.Refused(_logger, key, reason, result.Retryable);
        return result.Retryable ? PostOutcome.RetryableFailure : PostOutcome.PermanentFailure;
    }

    /// <summary>Writes to the ledger; on a storage fault keeps what is known for <see cref="FinishInterruptedAsync"/>.</summary>
    private async Task RecordAsync(PostKey key, Interrupted known, Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (DbException)
        {
            _interrupted[key] = known;
            throw;
        }
    }

    /// <summary>
    /// A ledger write lost to a storage fault: the claim we hold (or may hold), and the post's message id
    /// once it went out, or the platform's permanent refusal. Neither: nothing was sent under the claim.
    /// </summary>
    private sealed record Interrupted(string Claimant, string? MessageId, string? PermanentRefusal, string? Version);
}
