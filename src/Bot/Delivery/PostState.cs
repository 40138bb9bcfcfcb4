namespace CourseBot.Bot.Delivery;

/// <summary>Where a post stands in the ledger.</summary>
public enum PostState
{
    /// <summary>A node has claimed the post and is sending it (or crashed while doing so).</summary>
    Sending,

    /// <summary>The platform accepted the post; the ledger holds its message id.</summary>
    Sent,

    /// <summary>The platform refused the post; the claim was released and may be claimed again.</summary>
    Failed,

    /// <summary>The post will never go out (e.g. missed beyond the grace period).</summary>
    Skipped,
}
