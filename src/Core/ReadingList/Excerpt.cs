namespace CourseBot.Core.ReadingList;

/// <summary>
/// What a diagnostic may quote from a source file: one short token, never a whole line. A course file
/// can point at any file (a mistyped path, or <c>../../etc/passwd</c>), and diagnostics go to logs and
/// status pages, so text from the file is cut at its first whitespace or <see cref="MaxLength"/> characters.
/// </summary>
internal static class Excerpt
{
    public const int MaxLength = 40;

    /// <summary>
    /// <paramref name="text"/> itself when it is one short word (surrounding spaces kept, as they may be the
    /// mistake); otherwise its first word, at most <see cref="MaxLength"/> characters, followed by "…".
    /// </summary>
    public static string Token(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length <= MaxLength && !trimmed.Any(char.IsWhiteSpace) && !text.Contains('\n'))
        {
            return text;
        }

        var end = 0;
        while (end < trimmed.Length && end < MaxLength && !char.IsWhiteSpace(trimmed[end]))
        {
            end++;
        }

        return trimmed[..end] + "…";
    }
}
