namespace CourseBot.Bot.Delivery;

/// <summary>One row of the posting ledger, as shown by <c>coursebot posts</c>.</summary>
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
    DateTimeOffset UpdatedAt);
