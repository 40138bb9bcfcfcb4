using System.Security.Cryptography;
using System.Text;
using CourseBot.Bot.Scheduling;

namespace CourseBot.Bot.Delivery;

/// <summary>
/// Names one post: which course, which occurrence (<see cref="Slot"/>, e.g. "week-3" or
/// "week-3/2025-09-08T23:00:00Z"), what kind of post, and where it goes.
/// A post with the same key goes out at most once.
/// </summary>
public sealed record PostKey
{
    public PostKey(string courseId, string slot, string kind, string platform, string channel)
    {
        CourseId = Require(courseId, nameof(courseId));
        Slot = Require(slot, nameof(slot));
        Kind = PostKinds.IsKnown(kind)
            ? kind
            : throw new ArgumentException($"Unknown post kind '{kind}'; expected one of {string.Join(", ", PostKinds.All)}.", nameof(kind));
        Platform = Require(platform, nameof(platform));
        Channel = Require(channel, nameof(channel));
        Token = ComputeToken(CourseId, Slot, Kind, Platform, Channel);
    }

    public string CourseId { get; }
    public string Slot { get; }
    public string Kind { get; }
    public string Platform { get; }
    public string Channel { get; }

    /// <summary>
    /// A stable 24-character hex digest of the key: the same key gives the same token on every
    /// node and every run. Short enough for Discord's <c>nonce</c> (at most 25 characters).
    /// </summary>
    public string Token { get; }

    public override string ToString() => $"{CourseId}/{Slot}/{Kind}@{Platform}:{Channel}";

    private static string Require(string value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("Must not be empty.", name) : value;

    private static string ComputeToken(params string[] parts)
    {
        // Unit separator between parts, so ("a", "bc") and ("ab", "c") differ.
        var bytes = Encoding.UTF8.GetBytes(string.Join('\u001f', parts));
        return Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 12));
    }
}
