using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CourseBot.Bot.Slack;

/// <summary>
/// Verifies Slack's request signature: <c>v0=</c> HMAC-SHA256 with the signing secret over
/// <c>v0:{timestamp}:{raw body}</c>, a timestamp within five minutes (no replays), a constant-time
/// compare. Fails closed: no secret, no verification.
/// </summary>
public sealed class SlackSignature
{
    public const string SignatureHeader = "X-Slack-Signature";
    public const string TimestampHeader = "X-Slack-Request-Timestamp";
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private readonly byte[] _secret;
    private readonly TimeProvider _time;

    public SlackSignature(string signingSecret, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(signingSecret);
        _secret = Encoding.UTF8.GetBytes(signingSecret);
        _time = time;
    }

    public bool IsValid(string? signature, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (signature is not { Length: 67 } || !signature.StartsWith("v0=", StringComparison.Ordinal) || !IsFresh(timestamp))
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[32];
        Span<byte> given = stackalloc byte[32];
        if (Convert.FromHexString(signature.AsSpan(3), given, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            return false;
        }

        var prefix = Encoding.ASCII.GetBytes($"v0:{timestamp}:");
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _secret);
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        hmac.GetHashAndReset(expected);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>
    /// The timestamp (Unix seconds) is within <see cref="Window"/> of now, either way. Compared as whole
    /// seconds: no value, however large, is turned into a date (which would throw).
    /// </summary>
    private bool IsFresh(string? timestamp)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var window = (long)Window.TotalSeconds;
        return seconds >= now - window && seconds - now <= window;
    }

    /// <summary>Signs a request as Slack would (for tests and the load script).</summary>
    public static string Sign(string signingSecret, string timestamp, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(signingSecret));
        hmac.AppendData(Encoding.ASCII.GetBytes($"v0:{timestamp}:"));
        hmac.AppendData(body);
        return "v0=" + Convert.ToHexStringLower(hmac.GetHashAndReset());
    }
}
