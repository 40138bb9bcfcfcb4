using System.Buffers.Text;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace CourseBot.Bot.Rendering;

/// <summary>
/// How a button's or menu option's command text travels in a platform's id or value (Discord's
/// <c>custom_id</c> and option <c>value</c>, at most 100 characters; Slack's option <c>value</c>, 150), and
/// back. The id is the command itself whenever it fits, so ids stay readable:
/// <code>
/// id   = [number "."] body
/// body = "/" …                        the command text as it is ("/lead-menu 2025-09-08")
///      | "~" base64url(brotli(utf-8)) the compact form: for text too long to fit as it is (or not starting with "/")
/// </code>
/// <c>number.</c> tells apart two controls of one message (or two options of one menu) that run the same
/// command, since platforms refuse repeated ids. The compact form pays off for text with repetition or
/// common English words (Brotli's built-in dictionary); short varied text barely shrinks, so in practice
/// it stretches Discord's 100 characters only modestly. Nothing is kept on the server, so an id works
/// after a restart and on every copy. A text that does not fit even compacted has no id (<see cref="Encode"/>
/// returns null): CourseBot's own commands ("/lead-menu 2025-09-08", "/lead &lt;paper key&gt;") are far shorter.
/// </summary>
public static class ActionCommand
{
    public const char Compact = '~';

    /// <summary>Longest command text a compact id unpacks to: a bound, so a crafted id cannot inflate without end.</summary>
    public const int MaxText = 4096;

    /// <summary>The id for <paramref name="command"/> within <paramref name="max"/> characters, or null when it cannot fit.</summary>
    /// <param name="number">0 for the first control running this command in the message; 1, 2, … for repeats.</param>
    public static string? Encode(string command, int max, int number = 0)
    {
        var prefix = number == 0 ? "" : number.ToString(CultureInfo.InvariantCulture) + ".";
        if (command.StartsWith('/') && prefix.Length + command.Length <= max)
        {
            return prefix + command;
        }

        var text = Encoding.UTF8.GetBytes(command);
        if (text.Length == 0 || text.Length > MaxText)
        {
            return null;
        }

        var packed = new byte[BrotliEncoder.GetMaxCompressedLength(text.Length)];
        if (!BrotliEncoder.TryCompress(text, packed, out var written, quality: 11, window: 10))
        {
            return null;
        }

        var id = prefix + Compact + Base64Url.EncodeToString(packed.AsSpan(0, written));
        return id.Length <= max ? id : null;
    }

    /// <summary>The command text an id carries, or null for an id CourseBot did not write (garbled, foreign, cut short).</summary>
    public static string? Decode(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        var digits = 0;
        while (digits < id.Length && char.IsAsciiDigit(id[digits]))
        {
            digits++;
        }

        var body = digits > 0 && digits < id.Length && id[digits] == '.' ? id[(digits + 1)..] : id;
        if (body.StartsWith('/'))
        {
            return body;
        }

        if (!body.StartsWith(Compact) || !Base64Url.IsValid(body.AsSpan(1), out var length) || length == 0)
        {
            return null;
        }

        var packed = Base64Url.DecodeFromChars(body.AsSpan(1));
        var text = new byte[MaxText];
        if (!BrotliDecoder.TryDecompress(packed, text, out var written) || written == 0)
        {
            return null;
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(text, 0, written);
        }
        catch (DecoderFallbackException)
        {
            // Bytes that unpack but are not text: not an id CourseBot wrote.
            return null;
        }
    }
}
