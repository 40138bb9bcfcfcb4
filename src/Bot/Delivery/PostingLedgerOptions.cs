namespace CourseBot.Bot.Delivery;

/// <summary>Tuning for the posting ledger.</summary>
public sealed record PostingLedgerOptions
{
    /// <summary>How long a claim protects a post being sent before others may treat it as abandoned.</summary>
    public TimeSpan ClaimLease { get; init; } = TimeSpan.FromMinutes(10);
}
