using System.Net;
using System.Text.RegularExpressions;

namespace CourseBot.Core.ReadingList;

/// <summary>
/// Reads the course site's Jekyll reading-list page: parts (<c>##</c>, or a setext <c>---</c> heading),
/// topics (<c>###</c>–<c>######</c>), <c>paper_item.html</c> includes and inline <c>&lt;li&gt;</c> entries,
/// and resolves keys against the papers file. It agrees with what the site shows; where the site
/// silently shows something broken it reports a diagnostic and keeps the entry.
/// </summary>
public sealed partial class ReadingListParser
{
    /// <summary>The include template that renders one paper on the course site.</summary>
    public const string PaperInclude = "paper_item.html";

    private readonly string _text;
    private readonly char[] _masked;
    private readonly string _maskedText;
    private readonly string _path;
    private readonly string _papersName;
    private readonly LineMap _lines;
    private readonly IReadOnlyDictionary<string, Paper> _papers;
    private readonly ICollection<Diagnostic> _diagnostics;
    private readonly bool _papersComplete;

    private readonly List<Part> _parts = [];
    private readonly List<Topic> _topics = [];
    private readonly List<Reading> _pending = [];
    private Part? _part;
    private string? _heading;
    private SourceLocation _headingAt;
    private int? _paragraphLineStart;

    private ReadingListParser(string text, string path, IReadOnlyDictionary<string, Paper> papers, string papersName, ICollection<Diagnostic> diagnostics, bool papersComplete)
    {
        _papersComplete = papersComplete;
        _text = SourceText.NormalizeLineEnds(text);
        _path = path;
        _papers = papers;
        _papersName = papersName;
        _diagnostics = diagnostics;
        _lines = new LineMap(_text, path);
        _masked = SourceMask.Apply(_text, _lines, diagnostics);
        _maskedText = new string(_masked);
        _headingAt = new SourceLocation(path, 1, 1);
    }

    /// <summary>Parses a reading-list page against an already parsed papers file.</summary>
    /// <param name="papersName">How diagnostics name the papers file (e.g. "papers.yaml").</param>
    /// <param name="papersComplete">False when the papers file could not be read (whole): keys missing from it
    /// are then not reported one by one, as the papers file's own error already explains them.</param>
    public static CourseReadingList Parse(string text, string path, IReadOnlyDictionary<string, Paper> papers, string papersName, ICollection<Diagnostic> diagnostics, bool papersComplete = true)
    {
        var parser = new ReadingListParser(text, path, papers, papersName, diagnostics, papersComplete);
        parser.Run();
        if (parser._topics.Count == 0)
        {
            diagnostics.Add(Diagnostic.Warning(new SourceLocation(path, 1, 1), "the reading list has no readings", $"add lines like {{% include {PaperInclude} key=\"...\" %}} under a heading"));
        }

        return new CourseReadingList(parser._parts, parser._topics, papers, diagnostics.ToArray()) { PapersComplete = papersComplete };
    }

    private void Run()
    {
        var position = 0;
        while (position < _masked.Length)
        {
            var lineEnd = LineEnd(position);
            var line = new ReadOnlySpan<char>(_masked, position, lineEnd - position);
            if (line.IsWhiteSpace())
            {
                _paragraphLineStart = null;
            }
            else if (TryAtxHeading(line, out var level, out var headingText, out var textColumn))
            {
                StartHeading(level, headingText, position + textColumn);
                _paragraphLineStart = null;
            }
            else if (_paragraphLineStart is { } paragraph && SetextUnderline().IsMatch(line))
            {
                var headingLine = new string(_masked, paragraph, LineEnd(paragraph) - paragraph);
                StartHeading(line.TrimStart()[0] == '=' ? 1 : 2, headingLine.Trim(), paragraph + (headingLine.Length - headingLine.TrimStart().Length));
                _paragraphLineStart = null;
            }
            else if (HorizontalRule().IsMatch(line))
            {
                _paragraphLineStart = null;
            }
            else
            {
                var hadEntry = false;
                lineEnd = ScanEntries(position, lineEnd, ref hadEntry);
                var trimmed = line.TrimStart();
                _paragraphLineStart = hadEntry || trimmed.StartsWith("<") || trimmed.StartsWith("{") ? null : position;
            }

            position = lineEnd + 1;
        }

        FlushTopic();
    }

    private int LineEnd(int position)
    {
        var newline = Array.IndexOf(_masked, '\n', position);
        return newline < 0 ? _masked.Length : newline;
    }

    private void StartHeading(int level, string text, int offset)
    {
        FlushTopic();
        var at = _lines.At(offset);
        if (level <= 2)
        {
            var match = PartHeading().Match(text);
            _part = match.Success
                ? new Part(text, int.Parse(match.Groups["number"].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups["name"].Success ? match.Groups["name"].Value.Trim() : text, at)
                : new Part(text, null, text, at);
            _heading = null;
        }
        else
        {
            _heading = text;
        }

        _headingAt = at;
    }

    /// <summary>Scans one line (and any tag that runs past its end) for entries; returns the new line end.</summary>
    private int ScanEntries(int start, int lineEnd, ref bool hadEntry)
    {
        var i = start;
        while (i < lineEnd)
        {
            var c = _masked[i];
            if (c == '{' && i + 1 < _masked.Length && _masked[i + 1] == '%')
            {
                var tagName = SourceMask.TagName(_text, i, out var tagEnd);
                if (tagEnd < 0)
                {
                    _diagnostics.Add(Diagnostic.Error(_lines.At(i), "this Liquid tag is never closed with %}: the site's build fails on it", "close the tag with %}"));
                    return lineEnd;
                }

                if (tagName == "include")
                {
                    hadEntry |= ReadInclude(i, tagEnd);
                }

                i = tagEnd;
                lineEnd = Math.Max(lineEnd, LineEnd(Math.Max(i - 1, 0)));
            }
            else if (c == '<' && IsListItemStart(i))
            {
                var end = ListItemEnd(i, out var contentEnd);
                ReadInlineItem(i, contentEnd);
                hadEntry = true;
                i = end;
                lineEnd = Math.Max(lineEnd, LineEnd(Math.Max(i - 1, 0)));
            }
            else
            {
                i++;
            }
        }

        return lineEnd;
    }

    private bool ReadInclude(int open, int tagEnd)
    {
        var innerStart = open + 2;
        var innerEnd = tagEnd - 2;
        if (innerStart < innerEnd && _text[innerStart] == '-')
        {
            innerStart++;
        }

        if (innerEnd > innerStart && _text[innerEnd - 1] == '-')
        {
            innerEnd--;
        }

        var inner = _text[innerStart..innerEnd];
        var afterName = inner.IndexOf("include", StringComparison.Ordinal) + "include".Length;
        var fileStart = afterName;
        while (fileStart < inner.Length && char.IsWhiteSpace(inner[fileStart]))
        {
            fileStart++;
        }

        var fileEnd = fileStart;
        while (fileEnd < inner.Length && !char.IsWhiteSpace(inner[fileEnd]))
        {
            fileEnd++;
        }

        var file = inner[fileStart..fileEnd];
        if (file != PaperInclude)
        {
            var hint = Suggestions.EditDistance(file, PaperInclude) <= 3
                ? $"did you mean {PaperInclude}?"
                : $"CourseBot reads papers from {PaperInclude} includes only";
            _diagnostics.Add(Diagnostic.Warning(_lines.At(innerStart + fileStart), $"include of \"{Excerpt.Token(file)}\" is not a paper entry and is skipped", hint));
            return false;
        }

        var arguments = IncludeArguments.Parse(
            inner[fileEnd..],
            innerStart + fileEnd,
            (offset, message, hint) => _diagnostics.Add(Diagnostic.Error(_lines.At(offset), message, hint)));
        var at = _lines.At(open);
        _pending.Add(ResolveInclude(arguments, at));
        return true;
    }

    private Reading ResolveInclude(Dictionary<string, LiquidValue> arguments, SourceLocation at)
    {
        var requirement = Requirement.Optional;
        if (arguments.TryGetValue("required", out var required))
        {
            if (required.Kind == LiquidValueKind.Variable && required.Text is not ("nil" or "null"))
            {
                _diagnostics.Add(Diagnostic.Warning(
                    _lines.At(required.Offset),
                    $"required={Excerpt.Token(required.Text)} is not quoted: Liquid reads it as an undefined variable, so the site shows this paper as optional",
                    $"write required=\"{Excerpt.Token(required.Text)}\" for a focus label, or required=true"));
            }

            requirement = required switch
            {
                { Kind: LiquidValueKind.Boolean, Text: "true" } => Requirement.Required,
                { Kind: LiquidValueKind.String or LiquidValueKind.Number } => Requirement.Focus(required.Text),
                _ => Requirement.Optional,
            };
        }

        if (!arguments.TryGetValue("key", out var key))
        {
            _diagnostics.Add(Diagnostic.Error(at, "this paper include has no key, so the site shows an empty item", $"add key=\"...\" with a key from {_papersName}"));
            return new Reading(null, new Paper("", null, null, null, null), false, requirement, null, null, at);
        }

        if (key.Kind != LiquidValueKind.String)
        {
            _diagnostics.Add(Diagnostic.Error(
                _lines.At(key.Offset),
                $"key={Excerpt.Token(key.Text)} is not quoted: Liquid reads it as an undefined variable, so the site shows an empty item",
                $"write key=\"{Excerpt.Token(key.Text)}\""));
            return Unresolved(key.Text, requirement, at);
        }

        if (_papers.TryGetValue(key.Text, out var paper))
        {
            return new Reading(key.Text, paper, true, requirement, null, null, at);
        }

        if (!_papersComplete)
        {
            return Unresolved(key.Text, requirement, at);
        }

        var near = Suggestions.Closest(key.Text, _papers.Keys);
        var quoted = Excerpt.Token(key.Text);
        var described = quoted == key.Text && key.Text.Trim() != key.Text ? $"\"{quoted}\" (note the spaces inside the quotes)" : $"\"{quoted}\"";
        _diagnostics.Add(Diagnostic.Error(
            _lines.At(key.Offset),
            $"paper key {described} is not in {_papersName}, so the site shows an empty item",
            near.Count > 0
                ? "did you mean " + string.Join(" or ", near.Select(k => $"\"{Excerpt.Token(k)}\"")) + $"? Otherwise add the paper to {_papersName}"
                : $"add the paper to {_papersName}"));
        return Unresolved(key.Text, requirement, at);
    }

    private static Reading Unresolved(string key, Requirement requirement, SourceLocation at) =>
        new(key, new Paper(key, null, null, null, null), false, requirement, null, null, at);

    private bool IsListItemStart(int i) =>
        i + 3 < _masked.Length
        && (_masked[i + 1] is 'l' or 'L') && (_masked[i + 2] is 'i' or 'I')
        && (_masked[i + 3] == '>' || char.IsWhiteSpace(_masked[i + 3]));

    /// <summary>An item ends at its &lt;/li&gt;, or where HTML implies it: the next &lt;li&gt; or the list's end.</summary>
    private int ListItemEnd(int start, out int contentEnd)
    {
        var text = _maskedText;
        var candidates = new[]
        {
            (Index: text.IndexOf("</li>", start + 3, StringComparison.OrdinalIgnoreCase), Length: 5),
            (Index: NextListItem(text, start + 3), Length: 0),
            (Index: text.IndexOf("</ul>", start + 3, StringComparison.OrdinalIgnoreCase), Length: 0),
            (Index: text.IndexOf("</ol>", start + 3, StringComparison.OrdinalIgnoreCase), Length: 0),
        };
        var first = candidates.Where(c => c.Index >= 0).OrderBy(c => c.Index).Select(c => ((int Index, int Length)?)c).FirstOrDefault();
        if (first is not { } end)
        {
            contentEnd = text.Length;
            return text.Length;
        }

        contentEnd = end.Index;
        return end.Index + end.Length;
    }

    private int NextListItem(string text, int from)
    {
        for (var i = text.IndexOf('<', from); i >= 0; i = text.IndexOf('<', i + 1))
        {
            if (IsListItemStart(i))
            {
                return i;
            }
        }

        return -1;
    }

    private void ReadInlineItem(int start, int contentEnd)
    {
        var tagClose = Array.IndexOf(_masked, '>', start);
        var html = new string(_masked, tagClose + 1, Math.Max(0, contentEnd - tagClose - 1));
        var at = _lines.At(start);

        var requirement = Requirement.Optional;
        var badge = RequiredBadge().Match(html);
        var rest = html;
        if (badge.Success)
        {
            requirement = badge.Groups["label"].Success ? Requirement.Focus(badge.Groups["label"].Value.Trim()) : Requirement.Required;
            rest = html[(badge.Index + badge.Length)..];
        }

        string? url = null, title, note = null, authors = null, venue = null;
        var link = Link().Match(rest);
        if (link.Success)
        {
            url = Decode(link.Groups["url"].Value);
            title = PlainText(link.Groups["title"].Value);
            rest = rest[(link.Index + link.Length)..];
        }
        else
        {
            title = null;
        }

        var emphasis = Emphasis().Match(rest);
        var beforeAuthors = emphasis.Success ? rest[..emphasis.Index] : rest;
        if (emphasis.Success)
        {
            authors = PlainText(emphasis.Groups["text"].Value);
            venue = Venue(rest[(emphasis.Index + emphasis.Length)..]);
        }

        var leading = PlainText(beforeAuthors);
        if (title is null)
        {
            title = leading;
        }
        else
        {
            note = leading;
        }

        if (title is null)
        {
            _diagnostics.Add(Diagnostic.Warning(at, "this list item has no title", "write the entry as <a href=\"URL\">TITLE</a> followed by <em>AUTHORS</em>"));
        }

        var key = Slug(title ?? $"item-{at.Line}");
        _pending.Add(new Reading(null, new Paper(key, title, authors, venue, url), true, requirement, null, note, at));
    }

    /// <summary>Visible text of an HTML fragment, trimmed of the punctuation that separates parts of an entry.</summary>
    private static string? PlainText(string html)
    {
        var text = Decode(Tag().Replace(html, " "));
        text = Whitespace().Replace(text, " ").Trim().Trim(',', ';').Trim();
        return text.Length == 0 ? null : text;
    }

    /// <summary>
    /// The venue after the authors, without the punctuation around it: the paper include renders
    /// <c>&lt;em&gt;Authors&lt;/em&gt;. Venue.</c>, and an inline entry copied from that shape must not
    /// come out as ". Venue.".
    /// </summary>
    private static string? Venue(string html)
    {
        var text = PlainText(html)?.TrimStart('.', ',', ';', ':', ' ');
        if (text is not null && text.EndsWith('.'))
        {
            text = text[..^1].TrimEnd();
        }

        return string.IsNullOrEmpty(text) ? null : text;
    }

    private static string Decode(string html) => WebUtility.HtmlDecode(html);

    private static string Slug(string title) => Whitespace().Replace(NonWord().Replace(title.ToLowerInvariant(), " ").Trim(), "-");

    private void FlushTopic()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        if (_part is not null && (_parts.Count == 0 || !ReferenceEquals(_parts[^1], _part)))
        {
            _parts.Add(_part);
        }

        // A labelled required paper opens a focus group; the optional papers after it belong to it.
        var readings = new Reading[_pending.Count];
        string? focus = null;
        for (var i = 0; i < _pending.Count; i++)
        {
            var reading = _pending[i];
            if (reading.Requirement.IsRequired)
            {
                focus = reading.Requirement.Label;
            }

            readings[i] = reading with { Focus = focus };
        }

        _topics.Add(new Topic(_topics.Count, _heading, _part, readings, _heading is null && _part is not null ? _part.Location : _headingAt));
        _pending.Clear();
    }

    private static bool TryAtxHeading(ReadOnlySpan<char> line, out int level, out string text, out int textColumn)
    {
        level = 0;
        text = "";
        textColumn = 0;
        var indent = 0;
        while (indent < line.Length && indent < 4 && line[indent] == ' ')
        {
            indent++;
        }

        if (indent > 3 || indent >= line.Length || line[indent] != '#')
        {
            return false;
        }

        var hashes = indent;
        while (hashes < line.Length && line[hashes] == '#')
        {
            hashes++;
        }

        level = hashes - indent;
        if (level > 6)
        {
            return false;
        }

        var content = line[hashes..];
        var leading = content.Length - content.TrimStart().Length;
        content = content.Trim();

        // Kramdown drops a closing run of #'s.
        var closing = content.TrimEnd('#');
        if (closing.Length < content.Length && (closing.Length == 0 || char.IsWhiteSpace(closing[^1])))
        {
            content = closing.TrimEnd();
        }

        if (content.IsEmpty)
        {
            return false;
        }

        text = content.ToString();
        textColumn = hashes + leading;
        return true;
    }

    [GeneratedRegex(@"^ {0,3}(=+|-+)[ \t]*$")]
    private static partial Regex SetextUnderline();

    [GeneratedRegex(@"^ {0,3}([*_-])([ \t]*\1){2,}[ \t]*$")]
    private static partial Regex HorizontalRule();

    [GeneratedRegex(@"^Part\s+(?<number>\d+)(\s*[-–—:.]\s*(?<name>.+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex PartHeading();

    [GeneratedRegex(@"<(b|strong)\b[^>]*>\s*\(Required(\s*[-–—:]\s*(?<label>[^)]*))?\)\s*</\1>", RegexOptions.IgnoreCase)]
    private static partial Regex RequiredBadge();

    [GeneratedRegex(@"<a\b[^>]*?\bhref\s*=\s*[""'](?<url>[^""']*)[""'][^>]*>(?<title>.*?)</a>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Link();

    [GeneratedRegex(@"<(em|i)\b[^>]*>(?<text>.*?)</\1>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial Regex NonWord();
}
