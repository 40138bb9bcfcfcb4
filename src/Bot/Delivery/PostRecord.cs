namespace CourseBot.Bot.Delivery;

/// <summary>
/// One row of the posting ledger, as shown by <c>coursebot posts</c>. <see cref="Version"/> is the content
/// version the message shows (null: unknown, e.g. sent before versions were recorded); <see cref="GoneAt"/>
/// is set while the message is known to be deleted; <see cref="RepostedAt"/> once it was posted again.
/// </summary>
public sealed record PostRecord(
    PostKey Key,
    PostState State,
    string? Claimant,
    string? MessageId,
    int Attempts,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ClaimedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset UpdatedAt,
    string? Version = null,
    DateTimeOffset? EditedAt = null,
    string? EditClaimant = null,
    DateTimeOffset? EditClaimedAt = null,
    DateTimeOffset? GoneAt = null,
    DateTimeOffset? RepostedAt = null);
