using System.Buffers;
using System.Text;
using NSec.Cryptography;

namespace CourseBot.Bot.Discord.Interactions;

/// <summary>
/// Checks Discord's Ed25519 signature over <c>X-Signature-Timestamp</c> followed by the raw body
/// (interactions/overview.mdx). Discord probes with forged signatures and drops an endpoint that
/// accepts one, so anything not verifiable is refused.
/// </summary>
public sealed class InteractionSignature
{
    public const string SignatureHeader = "X-Signature-Ed25519";
    public const string TimestampHeader = "X-Signature-Timestamp";

    private const int SignatureBytes = 64;
    private static readonly SignatureAlgorithm Ed25519 = SignatureAlgorithm.Ed25519;
    private readonly PublicKey _key;

    /// <param name="publicKeyHex">The application's public key as the Developer Portal shows it (64 hex digits).</param>
    public InteractionSignature(string publicKeyHex)
    {
        _key = PublicKey.Import(Ed25519, Convert.FromHexString(publicKeyHex), KeyBlobFormat.RawPublicKey);
    }

    public bool IsValid(string? signatureHex, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (signatureHex is not { Length: SignatureBytes * 2 } || string.IsNullOrEmpty(timestamp) || timestamp.Length > 32)
        {
            return false;
        }

        Span<byte> signature = stackalloc byte[SignatureBytes];
        if (Convert.FromHexString(signatureHex, signature, out _, out var written) != OperationStatus.Done || written != SignatureBytes)
        {
            return false;
        }

        var length = Encoding.ASCII.GetByteCount(timestamp) + body.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var stamped = Encoding.ASCII.GetBytes(timestamp, rented);
            body.CopyTo(rented.AsSpan(stamped));
            return Ed25519.Verify(_key, rented.AsSpan(0, length), signature);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
