using YamlDotNet.Core;

namespace CourseBot.Core.ReadingList;

/// <summary>Where a YAML syntax error really is, and what it says, for a diagnostic.</summary>
internal static class YamlProblem
{
    /// <summary>
    /// The place and words of a YAML error. YamlDotNet places a tab used as indentation at the start of
    /// the enclosing mapping (often 1:1) or of the scalar before it; the tab itself is the first one in a
    /// line's indentation at or after that place, so that is where it is reported.
    /// </summary>
    public static (SourceLocation At, string Message) Of(YamlException e, string text, string path)
    {
        var line = Math.Max(1, (int)e.Start.Line);
        var column = Math.Max(1, (int)e.Start.Column);
        var message = Describe(e);
        if (message.Contains("tab", StringComparison.OrdinalIgnoreCase) && FirstIndentingTab(text, line) is { } tab)
        {
            return (new SourceLocation(path, tab.Line, tab.Column), "a tab is used for indentation; YAML indents with spaces only");
        }

        return (new SourceLocation(path, line, column), message);
    }

    /// <summary>YamlDotNet may prefix messages with the position; keep only the words.</summary>
    private static string Describe(YamlException e)
    {
        var message = e.Message;
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        return close >= 0 && message.StartsWith('(') ? message[(close + 3)..] : message;
    }

    private static (int Line, int Column)? FirstIndentingTab(string text, int fromLine)
    {
        var lineNumber = 1;
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                end = text.Length;
            }

            if (lineNumber >= fromLine)
            {
                var i = start;
                while (i < end && text[i] == ' ')
                {
                    i++;
                }

                if (i < end && text[i] == '\t')
                {
                    return (lineNumber, i - start + 1);
                }
            }

            start = end + 1;
            lineNumber++;
        }

        return null;
    }
}
