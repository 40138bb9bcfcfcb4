namespace CourseBot.Bot.Delivery;

/// <summary>Thrown when a node tries to complete or release a claim it no longer holds.</summary>
public sealed class LostClaimException(PostKey key, string claimant)
    : InvalidOperationException($"'{claimant}' does not hold the claim on post {key}; another node took it over or it was completed.")
{
    public PostKey Key { get; } = key;

    public string Claimant { get; } = claimant;
}
