namespace CourseBot.Bot.Delivery;

/// <summary>What <see cref="PostSender{TContent}.SendAsync"/> did with one post.</summary>
public enum PostOutcome
{
    /// <summary>This call posted the message and recorded it.</summary>
    Sent,

    /// <summary>An abandoned claim was taken over and the platform already had the message; it was recorded, not re-sent.</summary>
    Recovered,

    /// <summary>The ledger already had the post as sent.</summary>
    AlreadySent,

    /// <summary>Another node holds a live claim on the post; nothing was sent.</summary>
    InProgress,

    /// <summary>The post was skipped earlier and is never sent.</summary>
    Skipped,

    /// <summary>The platform refused the post for now; the claim was released, a later attempt may succeed.</summary>
    RetryableFailure,

    /// <summary>The platform refused the post for good; the claim was released with the error recorded.</summary>
    PermanentFailure,
}
