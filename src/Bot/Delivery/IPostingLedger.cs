namespace CourseBot.Bot.Delivery;

/// <summary>
/// The record of every scheduled post: (course, slot, kind, platform, channel) → message id and state.
/// Claims are made under a unique key, so at most one node sends a post at a time; see docs/delivery.md.
/// </summary>
public interface IPostingLedger
{
    /// <summary>Claims the post for <paramref name="claimant"/>, creating its row in state <see cref="PostState.Sending"/>.</summary>
    Task<ClaimResult> TryClaimAsync(PostKey key, string claimant, CancellationToken ct);

    /// <summary>
    /// Moves a stale claim (as observed in <paramref name="stale"/>) to <paramref name="claimant"/>.
    /// Compare-and-swap on the observed claimant and claim time: of several nodes taking over the same
    /// claim, exactly one gets <see langword="true"/>.
    /// </summary>
    Task<bool> TryTakeOverAsync(PostKey key, ClaimResult stale, string claimant, CancellationToken ct);

    /// <summary>Records that the post went out. Throws <see cref="LostClaimException"/> unless <paramref name="claimant"/> holds the claim.</summary>
    Task MarkSentAsync(PostKey key, string claimant, string messageId, CancellationToken ct);

    /// <summary>As <see cref="MarkSentAsync(PostKey, string, string, CancellationToken)"/>, recording the content <paramref name="version"/> the message reflects.</summary>
    Task MarkSentAsync(PostKey key, string claimant, string messageId, string? version, CancellationToken ct);

    /// <summary>
    /// Releases a claim whose send definitely failed (the platform said no), recording the error, so a
    /// later attempt can claim the post again. Throws <see cref="LostClaimException"/> unless <paramref name="claimant"/> holds the claim.
    /// </summary>
    Task ReleaseAsync(PostKey key, string claimant, string reason, CancellationToken ct);

    /// <summary>
    /// Marks a post that has not gone out as skipped for good. Returns <see langword="false"/> when the
    /// post was already sent or is being sent right now (then it is left alone).
    /// </summary>
    Task<bool> MarkSkippedAsync(PostKey key, string reason, CancellationToken ct);

    /// <summary>Every recorded post, optionally for one course, ordered by course, slot, kind, platform, channel.</summary>
    Task<IReadOnlyList<PostRecord>> ListAsync(string? courseId, CancellationToken ct);

    /// <summary>The post's row, or <see langword="null"/> when the ledger has none.</summary>
    Task<PostRecord?> FindAsync(PostKey key, CancellationToken ct);

    // Edits (docs/delivery.md, "Edits"): a sent post's row records the content version its message shows.
    // An edit is claimed like a send — one node at a time, a claim older than the lease may be taken over.

    /// <summary>
    /// Claims the edit of a sent post to <paramref name="toVersion"/>: compare-and-swap on "no live edit
    /// claim", so of several nodes editing the same post exactly one gets <see cref="EditClaimOutcome.Claimed"/>.
    /// Not claimed when the ledger already records <paramref name="toVersion"/>, when the post was not sent,
    /// or when its message is gone and <paramref name="repostIfGone"/> is false or it was re-posted once already.
    /// </summary>
    Task<EditClaim> TryClaimEditAsync(PostKey key, string toVersion, string claimant, bool repostIfGone, CancellationToken ct);

    /// <summary>Records that the message now shows <paramref name="version"/> and ends the edit claim. Throws <see cref="LostClaimException"/> unless <paramref name="claimant"/> holds it.</summary>
    Task MarkEditedAsync(PostKey key, string claimant, string version, CancellationToken ct);

    /// <summary>Ends an edit claim whose edit was refused, keeping the reason; the version stays as it was. Throws <see cref="LostClaimException"/> unless <paramref name="claimant"/> holds it.</summary>
    Task ReleaseEditAsync(PostKey key, string claimant, string reason, CancellationToken ct);

    /// <summary>
    /// Records that the platform no longer has the message. With <paramref name="reposting"/> the claimant
    /// keeps its claim (its lease renewed) to post the message again; otherwise the claim ends.
    /// Throws <see cref="LostClaimException"/> unless <paramref name="claimant"/> holds the claim.
    /// </summary>
    Task MarkGoneAsync(PostKey key, string claimant, string reason, bool reposting, CancellationToken ct);

    /// <summary>
    /// Records the message that replaced a deleted one (its id and <paramref name="version"/>) and ends the
    /// claim. A post is re-posted once: if this message is deleted too, it stays gone. Throws
    /// <see cref="LostClaimException"/> unless <paramref name="claimant"/> holds the claim.
    /// </summary>
    Task MarkRepostedAsync(PostKey key, string claimant, string messageId, string? version, CancellationToken ct);
}
