using System.Text;

namespace CourseBot.Core.ReadingList;

/// <summary>
/// Turns the bytes of a course source file into text the parsers can trust: UTF-8 (BOM dropped),
/// LF line ends, no binary content, within a sane size. Problems become diagnostics, never exceptions.
/// </summary>
public static class SourceText
{
    /// <summary>Far above any real reading list (the 10,000-paper benchmark list is ~3 MB).</summary>
    public const int MaxBytes = 8 * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes <paramref name="bytes"/>; returns null (and adds an error) when the content is unusable.</summary>
    public static string? Decode(ReadOnlySpan<byte> bytes, string path, ICollection<Diagnostic> diagnostics)
    {
        if (bytes.Length > MaxBytes)
        {
            diagnostics.Add(Diagnostic.Error(
                new SourceLocation(path, 1, 1),
                $"the file is {bytes.Length / (1024.0 * 1024.0):0.0} MB, more than the {MaxBytes / (1024 * 1024)} MB CourseBot reads",
                "check that this is the reading list or papers file and not something else"));
            return null;
        }

        var nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
        {
            diagnostics.Add(Diagnostic.Error(
                LocationOf(bytes, nul, path),
                "the file contains binary data (a NUL byte), not text",
                "save it as UTF-8 text"));
            return null;
        }

        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            var bad = FirstInvalidUtf8(bytes);
            diagnostics.Add(Diagnostic.Error(
                LocationOf(bytes, bad, path),
                "the file is not valid UTF-8 text",
                "save it with UTF-8 encoding"));
            return null;
        }

        return NormalizeLineEnds(text);
    }

    /// <summary>CRLF and lone CR become LF, so a Windows-edited file reads like any other.</summary>
    public static string NormalizeLineEnds(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        return text.Contains('\r') ? text.Replace("\r\n", "\n").Replace('\r', '\n') : text;
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (offset < bytes.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return 0;
    }

    private static SourceLocation LocationOf(ReadOnlySpan<byte> bytes, int offset, string path)
    {
        var before = bytes[..offset];
        var line = before.Count((byte)'\n') + 1;
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        return new SourceLocation(path, line, offset - lineStart + 1);
    }
}
