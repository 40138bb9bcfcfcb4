namespace CourseBot.Bot.Delivery;

/// <summary>What happened when a node tried to claim the edit of a sent post.</summary>
public enum EditClaimOutcome
{
    /// <summary>The caller holds the edit claim: edit <see cref="EditClaim.MessageId"/> (or re-post, when <see cref="EditClaim.Repost"/>).</summary>
    Claimed,

    /// <summary>The ledger records the message at the requested version already.</summary>
    Current,

    /// <summary>The post has not gone out (no row, or not in state sent); there is nothing to edit.</summary>
    NotSent,

    /// <summary>Another node holds a live claim (an edit or a re-post) on the post.</summary>
    InProgress,

    /// <summary>The message was deleted and is not to be posted again (not asked, or re-posted once already).</summary>
    Gone,
}

/// <summary>
/// The answer to <see cref="IPostingLedger.TryClaimEditAsync"/>. When <see cref="Outcome"/> is
/// <see cref="EditClaimOutcome.Claimed"/>: <see cref="Repost"/> says the recorded message is gone and the
/// post is to be sent again; <see cref="MayHaveReposted"/> says the claim was taken over from a node that
/// stopped while re-posting, so the platform must be asked first whether the new message is already there;
/// <see cref="RepostedBefore"/> says the message is itself a re-post, so if it is gone it stays gone.
/// </summary>
public sealed record EditClaim(
    EditClaimOutcome Outcome,
    string? MessageId = null,
    string? Version = null,
    bool Repost = false,
    bool MayHaveReposted = false,
    bool RepostedBefore = false);
