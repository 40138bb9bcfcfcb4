namespace CourseBot.Core.ReadingList;

/// <summary>
/// Blanks out what the site never shows, keeping every offset and line number intact: the YAML
/// front matter, Liquid <c>{% comment %}</c> and <c>{% raw %}</c> blocks, and HTML comments.
/// </summary>
internal static class SourceMask
{
    public static char[] Apply(string text, LineMap lines, ICollection<Diagnostic> diagnostics)
    {
        var masked = text.ToCharArray();
        var position = MaskFrontMatter(text, masked, lines, diagnostics);
        while (position < text.Length)
        {
            var html = text.IndexOf("<!--", position, StringComparison.Ordinal);
            var liquid = NextLiquidBlock(text, position, out var tagEnd, out var blockName);
            if (html < 0 && liquid < 0)
            {
                break;
            }

            if (liquid >= 0 && (html < 0 || liquid < html))
            {
                var close = FindEndTag(text, tagEnd, "end" + blockName, out var closeEnd);
                if (close < 0)
                {
                    diagnostics.Add(Diagnostic.Error(lines.At(liquid), $"{{% {blockName} %}} is never closed: the site's build fails on it", $"add {{% end{blockName} %}} where the {blockName} ends"));
                    closeEnd = text.Length;
                }

                Blank(masked, liquid, closeEnd);
                position = closeEnd;
            }
            else
            {
                var close = text.IndexOf("-->", html + 4, StringComparison.Ordinal);
                var end = close < 0 ? text.Length : close + 3;
                if (close < 0)
                {
                    diagnostics.Add(Diagnostic.Warning(lines.At(html), "this HTML comment is never closed, so it hides everything after it", "add --> where the comment ends"));
                }

                Blank(masked, html, end);
                position = end;
            }
        }

        return masked;
    }

    private static int MaskFrontMatter(string text, char[] masked, LineMap lines, ICollection<Diagnostic> diagnostics)
    {
        if (!IsDelimiterLine(text, 0, out var firstEnd, "---"))
        {
            return 0;
        }

        for (var lineStart = firstEnd; lineStart < text.Length;)
        {
            if (IsDelimiterLine(text, lineStart, out var end, "---") || IsDelimiterLine(text, lineStart, out end, "..."))
            {
                Blank(masked, 0, end);
                return end;
            }

            var next = text.IndexOf('\n', lineStart);
            lineStart = next < 0 ? text.Length : next + 1;
        }

        diagnostics.Add(Diagnostic.Warning(lines.At(0), "the front matter that starts here is never closed with a --- line", "add a --- line after the front matter"));
        return 0;
    }

    private static bool IsDelimiterLine(string text, int start, out int lineEnd, string delimiter)
    {
        var newline = text.IndexOf('\n', start);
        lineEnd = newline < 0 ? text.Length : newline + 1;
        return text.AsSpan(start, (newline < 0 ? text.Length : newline) - start).TrimEnd().SequenceEqual(delimiter);
    }

    /// <summary>Finds the next <c>{% comment %}</c> or <c>{% raw %}</c> (trim markers allowed).</summary>
    private static int NextLiquidBlock(string text, int from, out int tagEnd, out string name)
    {
        for (var open = text.IndexOf("{%", from, StringComparison.Ordinal); open >= 0; open = text.IndexOf("{%", open + 2, StringComparison.Ordinal))
        {
            var tag = TagName(text, open, out tagEnd);
            if (tag is "comment" or "raw")
            {
                name = tag;
                return open;
            }
        }

        tagEnd = -1;
        name = "";
        return -1;
    }

    private static int FindEndTag(string text, int from, string endName, out int end)
    {
        for (var open = text.IndexOf("{%", from, StringComparison.Ordinal); open >= 0; open = text.IndexOf("{%", open + 2, StringComparison.Ordinal))
        {
            if (TagName(text, open, out end) == endName)
            {
                return open;
            }
        }

        end = -1;
        return -1;
    }

    /// <summary>The name of the Liquid tag opening at <paramref name="open"/>, and where the tag ends.</summary>
    internal static string? TagName(string text, int open, out int tagEnd)
    {
        tagEnd = -1;
        var close = text.IndexOf("%}", open + 2, StringComparison.Ordinal);
        if (close < 0)
        {
            return null;
        }

        tagEnd = close + 2;
        var inner = text.AsSpan(open + 2, close - open - 2).Trim('-').Trim();
        var length = 0;
        while (length < inner.Length && (char.IsLetter(inner[length]) || inner[length] == '_'))
        {
            length++;
        }

        return inner[..length].ToString();
    }

    private static void Blank(char[] masked, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (masked[i] != '\n')
            {
                masked[i] = ' ';
            }
        }
    }
}
