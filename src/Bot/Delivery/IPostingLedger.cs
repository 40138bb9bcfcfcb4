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
}
