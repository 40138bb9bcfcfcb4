namespace CourseBot.Bot.Delivery;

/// <summary>
/// The answer to <see cref="IPostingLedger.TryClaimAsync"/>. For <see cref="ClaimOutcome.InProgress"/>
/// and <see cref="ClaimOutcome.Stale"/>, <see cref="Claimant"/> and <see cref="ClaimedAt"/> describe
/// the other node's claim; pass the result to <see cref="IPostingLedger.TryTakeOverAsync"/>.
/// </summary>
public sealed record ClaimResult(
    ClaimOutcome Outcome,
    string? MessageId = null,
    string? Claimant = null,
    DateTimeOffset? ClaimedAt = null)
{
    public static ClaimResult Claimed { get; } = new(ClaimOutcome.Claimed);

    public static ClaimResult Skipped { get; } = new(ClaimOutcome.Skipped);

    public static ClaimResult AlreadySent(string messageId) => new(ClaimOutcome.AlreadySent, MessageId: messageId);

    public static ClaimResult InProgress(string claimant, DateTimeOffset claimedAt) =>
        new(ClaimOutcome.InProgress, Claimant: claimant, ClaimedAt: claimedAt);

    public static ClaimResult Stale(string claimant, DateTimeOffset claimedAt) =>
        new(ClaimOutcome.Stale, Claimant: claimant, ClaimedAt: claimedAt);
}
