using System.Text;

namespace CourseBot.Core.ReadingList;

/// <summary>
/// A fast path for the papers file's usual, flat shape: <c>key:</c> lines, each followed by indented
/// <c>title:</c>/<c>authors:</c>/<c>booktitle:</c>/<c>url:</c> lines holding one-line plain or double-quoted
/// values, and blank lines. Why: YamlDotNet's event parser spends most of a 10,000-paper load. Anything
/// outside that strict subset of YAML — and anything else the full reader would report (unknown fields, a
/// missing title, a paper without fields) — gives null, and the full reader reads the file, so results and
/// diagnostics never depend on which path read it. A key defined twice is read here, with the full reader's
/// warning: the real papers file has one.
/// </summary>
internal static class FlatPapersReader
{
    private const int Title = 0, Authors = 1, Booktitle = 2, Url = 3;

    /// <summary>YAML allows implicit keys of at most 1024 characters; longer ones are left to the full reader.</summary>
    private const int MaxKeyLength = 1000;

    /// <summary>
    /// The papers, in file order, or null when the file is not in the flat shape or has anything to report
    /// other than a key defined twice; those warnings go to <paramref name="duplicates"/>.
    /// </summary>
    public static Dictionary<string, Paper>? TryRead(string text, string path, List<Diagnostic> duplicates)
    {
        var papers = new Dictionary<string, Paper>(StringComparer.Ordinal);
        var keyLines = new Dictionary<string, int>(StringComparer.Ordinal);
        var paper = new PaperLines();
        var lineNumber = 0;
        for (var position = 0; position < text.Length;)
        {
            var end = text.IndexOf('\n', position);
            if (end < 0)
            {
                end = text.Length;
            }

            var line = text.AsSpan(position, end - position);
            position = end + 1;
            lineNumber++;
            if (line.IsEmpty)
            {
                continue;
            }

            if (line[0] != ' ')
            {
                if (!paper.AddTo(papers, keyLines, path, duplicates) || KeyOf(line) is not { } key)
                {
                    return null;
                }

                paper = new PaperLines { Key = key, Line = lineNumber };
                continue;
            }

            if (paper.Key is null || !paper.Read(line))
            {
                return null;
            }
        }

        return paper.AddTo(papers, keyLines, path, duplicates) && papers.Count > 0 ? papers : null;
    }

    /// <summary>The paper key of a line <c>key:</c>, or null: letters, digits and <c>_ . + -</c>, starting with a letter or digit.</summary>
    private static string? KeyOf(ReadOnlySpan<char> line)
    {
        if (line.Length < 2 || line.Length > MaxKeyLength || line[^1] != ':' || !char.IsAsciiLetterOrDigit(line[0]))
        {
            return null;
        }

        foreach (var c in line[..^1])
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '.' or '+' or '-'))
            {
                return null;
            }
        }

        return line[..^1].ToString();
    }

    /// <summary>
    /// The value of a plain scalar that YAML reads exactly as written, or null for anything that needs
    /// YAML's rules: indicators, comments, <c>": "</c>, trailing spaces, null words, unusual characters.
    /// </summary>
    private static bool TryPlain(ReadOnlySpan<char> value, out string? text)
    {
        text = null;
        if (value[0] is '-' or '?' or ':' or ',' or '[' or ']' or '{' or '}' or '#' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`' or ' '
            || value[^1] is ' ' or ':'
            || value.IndexOf(": ", StringComparison.Ordinal) >= 0
            || value.IndexOf(" #", StringComparison.Ordinal) >= 0
            || value.IndexOfAny("[]{}") >= 0
            || !Printable(value))
        {
            return false;
        }

        if (value is "~" or "null" or "Null" or "NULL")
        {
            return true;
        }

        text = value.ToString();
        return true;
    }

    /// <summary>A double-quoted value closed on its own line, with no escapes other than <c>\"</c> and <c>\\</c>.</summary>
    private static bool TryDoubleQuoted(ReadOnlySpan<char> value, out string? text)
    {
        text = null;
        if (value.Length < 2 || value[^1] != '"')
        {
            return false;
        }

        var inner = value[1..^1];
        var escape = inner.IndexOfAny('"', '\\');
        if (escape < 0)
        {
            if (!Printable(inner))
            {
                return false;
            }

            text = inner.Length == 0 ? null : inner.ToString();
            return true;
        }

        var builder = new StringBuilder(inner.Length);
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '"')
            {
                return false;
            }

            if (inner[i] == '\\')
            {
                if (++i == inner.Length || inner[i] is not ('"' or '\\'))
                {
                    return false;
                }
            }

            builder.Append(inner[i]);
        }

        if (!Printable(inner))
        {
            return false;
        }

        text = builder.ToString();
        return true;
    }

    /// <summary>
    /// Printable characters that YAML keeps as they are: no controls, no line or paragraph separators,
    /// no byte-order mark, no unpaired surrogates.
    /// </summary>
    private static bool Printable(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= ' ' and <= '~')
            {
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (c < '\u00a0' || c is '\u2028' or '\u2029' or '\ufeff' or '\ufffe' or '\uffff' || char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The lines of one paper as they are read.</summary>
    private struct PaperLines
    {
        public string? Key;
        public int Line;
        private int _indent;
        private int _seen;
        private string? _title, _authors, _venue, _url;

        /// <summary>Reads one indented <c>field: value</c> line; false when it is anything else.</summary>
        public bool Read(ReadOnlySpan<char> line)
        {
            var indent = line.IndexOfAnyExcept(' ');
            if (indent < 0 || (_indent != 0 && indent != _indent))
            {
                return false;
            }

            _indent = indent;
            var rest = line[indent..];
            var colon = rest.IndexOf(':');
            if (colon < 0)
            {
                return false;
            }

            var field = rest[..colon] switch
            {
                "title" => Title,
                "authors" => Authors,
                "booktitle" => Booktitle,
                "url" => Url,
                _ => -1,
            };
            if (field < 0 || (_seen & (1 << field)) != 0)
            {
                return false;
            }

            _seen |= 1 << field;
            string? value = null;
            var after = rest[(colon + 1)..];
            if (!after.IsEmpty)
            {
                if (after.Length < 2 || after[0] != ' ')
                {
                    return false;
                }

                var written = after[1..];
                if (!(written[0] == '"' ? TryDoubleQuoted(written, out value) : TryPlain(written, out value)))
                {
                    return false;
                }
            }

            switch (field)
            {
                case Title: _title = value; break;
                case Authors: _authors = value; break;
                case Booktitle: _venue = value; break;
                default: _url = value; break;
            }

            return true;
        }

        /// <summary>
        /// Adds the paper read so far, the last definition of a key winning as on the site, with the full
        /// reader's warning for a repeated key; false when the full reader would report anything else.
        /// </summary>
        public readonly bool AddTo(Dictionary<string, Paper> papers, Dictionary<string, int> keyLines, string path, List<Diagnostic> duplicates)
        {
            if (Key is null)
            {
                return true;
            }

            if (_seen == 0 || string.IsNullOrWhiteSpace(_title))
            {
                return false;
            }

            if (!keyLines.TryAdd(Key, Line))
            {
                duplicates.Add(PapersFileParser.DefinedTwice(path, Key, keyLines[Key], Line, 1));
            }

            papers[Key] = new Paper(Key, _title, _authors, _venue, _url);
            return true;
        }
    }
}
