namespace CourseBot.Bot.Delivery;

/// <summary>What <see cref="PostEditor{TContent}.EnsureCurrentAsync"/> did with one post.</summary>
public enum EditStatus
{
    /// <summary>This call edited the message in place and recorded the new version.</summary>
    Edited,

    /// <summary>The ledger already had the message at this version; nothing was sent.</summary>
    Current,

    /// <summary>The post has not gone out (no row, or not sent yet); nothing was sent.</summary>
    NotSent,

    /// <summary>The post had not gone out and was sent now, at this version (<see cref="EditOptions.SendIfMissing"/>).</summary>
    Sent,

    /// <summary>The message had been deleted; it was posted again, once, and the new message id recorded.</summary>
    Reposted,

    /// <summary>The message was deleted on the platform; recorded, and not posted again.</summary>
    Gone,

    /// <summary>Another node holds a live claim on this post (sending or editing it); nothing was sent.</summary>
    InProgress,

    /// <summary>The platform refused for now; the claim was released and a later attempt may succeed.</summary>
    RetryLater,

    /// <summary>The platform refused for good; the claim was released with the error recorded.</summary>
    Refused,
}

/// <summary>
/// The answer of <see cref="PostEditor{TContent}.EnsureCurrentAsync"/>: what happened, the message id the
/// ledger now holds (when known), and for <see cref="EditStatus.RetryLater"/> how long the platform asked to wait.
/// </summary>
public sealed record EditOutcome(EditStatus Status, string? MessageId = null, TimeSpan? RetryAfter = null, string? Reason = null)
{
    /// <summary>Whether the caller's job should run again later (refused for now, or another node is mid-way).</summary>
    public bool ShouldRetry => Status is EditStatus.RetryLater or EditStatus.InProgress;
}

/// <summary>What <see cref="PostEditor{TContent}.EnsureCurrentAsync"/> may do besides editing.</summary>
/// <param name="SendIfMissing">Post it now when the post has not gone out yet (the roster); otherwise leave it to its own job.</param>
/// <param name="RepostIfGone">Post it again, once in the post's life, when staff deleted the message (the roster); announcements never.</param>
public sealed record EditOptions(bool SendIfMissing = false, bool RepostIfGone = false)
{
    /// <summary>Edit only: an unsent post waits for its job, a deleted message stays deleted.</summary>
    public static EditOptions EditOnly { get; } = new();
}
