namespace CourseBot.Bot.Delivery;

/// <summary>What happened when a node tried to claim a post.</summary>
public enum ClaimOutcome
{
    /// <summary>The caller now owns the post and may send it.</summary>
    Claimed,

    /// <summary>The post has already gone out; nothing to do.</summary>
    AlreadySent,

    /// <summary>Another claimant took the post recently and may still be sending it.</summary>
    InProgress,

    /// <summary>
    /// Another claimant took the post longer ago than the lease and never finished: it may have
    /// crashed before or after the platform accepted the post. Take over, then ask the platform.
    /// </summary>
    Stale,

    /// <summary>The post was skipped and must never go out.</summary>
    Skipped,
}
