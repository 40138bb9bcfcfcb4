using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace CourseBot.Core.ReadingList;

/// <summary>
/// Reads the papers file (<c>key → title, authors, booktitle, url</c>) the way the site's Jekyll
/// does: a repeated key keeps its last definition. Unlike the site, every oddity is reported.
/// </summary>
public static class PapersFileParser
{
    private static readonly string[] KnownFields = ["title", "authors", "booktitle", "url"];

    public static Dictionary<string, Paper> Parse(string text, string path, ICollection<Diagnostic> diagnostics) =>
        Parse(text, path, diagnostics, out _);

    /// <param name="complete">False when the file could not be read to its end (a YAML error, not a mapping):
    /// papers after that point are missing, so keys the reading list uses may be missing for that reason only.</param>
    public static Dictionary<string, Paper> Parse(string text, string path, ICollection<Diagnostic> diagnostics, out bool complete)
    {
        // The usual flat file, with nothing to report, is read without YAML's full rules (several times faster);
        // everything else goes through the YAML parser, which gives every diagnostic.
        var duplicates = new List<Diagnostic>();
        if (FlatPapersReader.TryRead(text, path, duplicates) is { } flat)
        {
            foreach (var duplicate in duplicates)
            {
                diagnostics.Add(duplicate);
            }

            complete = true;
            return flat;
        }

        return ParseYaml(text, path, diagnostics, out complete);
    }

    /// <summary>The full reader, through YamlDotNet's parser: any YAML, every diagnostic.</summary>
    internal static Dictionary<string, Paper> ParseYaml(string text, string path, ICollection<Diagnostic> diagnostics, out bool complete)
    {
        complete = false;
        var papers = new Dictionary<string, Paper>(StringComparer.Ordinal);
        var firstLines = new Dictionary<string, int>(StringComparer.Ordinal);
        var parser = DepthLimitedParser.Over(text);
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _) || !parser.TryConsume<DocumentStart>(out _) || IsEmptyDocument(parser))
            {
                diagnostics.Add(Diagnostic.Warning(new SourceLocation(path, 1, 1), "the papers file is empty", "add one entry per paper: `key:` followed by title, authors, booktitle and url"));
                complete = true;
                return papers;
            }

            if (!parser.TryConsume<MappingStart>(out _))
            {
                diagnostics.Add(Diagnostic.Error(At(path, parser.Current!.Start), "the papers file must be a mapping of paper keys to papers", "write each paper as `key:` followed by indented `title:`, `authors:`, `booktitle:` and `url:` lines"));
                return papers;
            }

            while (!parser.TryConsume<MappingEnd>(out _))
            {
                ReadPaper(parser, path, papers, firstLines, diagnostics);
            }

            complete = true;
        }
        catch (YamlException e)
        {
            var (at, message) = YamlProblem.Of(e, text, path);
            diagnostics.Add(Diagnostic.Error(at, $"the papers file is not valid YAML: {message}", "fix the YAML at this place; the papers read before it are still used"));
        }

        return papers;
    }

    private static bool IsEmptyDocument(IParser parser) =>
        parser.Current is Scalar { Value: "" or "~" or "null", Style: ScalarStyle.Plain } && Peek(parser) is DocumentEnd;

    private static ParsingEvent? Peek(IParser parser) => parser.Current;

    private static void ReadPaper(IParser parser, string path, Dictionary<string, Paper> papers, Dictionary<string, int> firstLines, ICollection<Diagnostic> diagnostics)
    {
        if (!parser.TryConsume<Scalar>(out var keyScalar))
        {
            diagnostics.Add(Diagnostic.Error(At(path, parser.Current!.Start), "a paper key must be a plain name such as `pagedattention-sosp23`"));
            parser.SkipThisAndNestedEvents();
            parser.SkipThisAndNestedEvents();
            return;
        }

        var key = keyScalar.Value;
        var quotedKey = Excerpt.Token(key);
        var keyLine = (int)keyScalar.Start.Line;
        string? title = null, authors = null, venue = null, url = null;
        var hasFields = false;

        if (parser.TryConsume<MappingStart>(out _))
        {
            hasFields = true;
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                if (!parser.TryConsume<Scalar>(out var field))
                {
                    diagnostics.Add(Diagnostic.Error(At(path, parser.Current!.Start), $"paper \"{quotedKey}\": a field name must be plain text"));
                    parser.SkipThisAndNestedEvents();
                    parser.SkipThisAndNestedEvents();
                    continue;
                }

                var value = ReadValue(parser, path, quotedKey, Excerpt.Token(field.Value), diagnostics);
                switch (field.Value)
                {
                    case "title": title = value; break;
                    case "authors": authors = value; break;
                    case "booktitle": venue = value; break;
                    case "url": url = value; break;
                    default:
                        diagnostics.Add(Diagnostic.Warning(
                            At(path, field.Start),
                            $"paper \"{quotedKey}\" has an unknown field \"{Excerpt.Token(field.Value)}\", which the site does not show",
                            Suggestions.DidYouMean(field.Value, KnownFields) ?? "the fields are title, authors, booktitle and url"));
                        break;
                }
            }
        }
        else if (parser.TryConsume<Scalar>(out var scalar))
        {
            if (!IsNull(scalar))
            {
                diagnostics.Add(Diagnostic.Error(At(path, scalar.Start), $"paper \"{quotedKey}\" must be a mapping of fields, not a single value", "indent `title:`, `authors:`, `booktitle:` and `url:` under the key"));
            }
            else
            {
                diagnostics.Add(Diagnostic.Warning(At(path, keyScalar.Start), $"paper \"{quotedKey}\" has no fields", "add title, authors, booktitle and url under the key"));
            }
        }
        else
        {
            diagnostics.Add(Diagnostic.Error(At(path, parser.Current!.Start), $"paper \"{quotedKey}\" must be a mapping of fields", "indent `title:`, `authors:`, `booktitle:` and `url:` under the key"));
            parser.SkipThisAndNestedEvents();
        }

        if (string.IsNullOrWhiteSpace(title) && hasFields)
        {
            diagnostics.Add(Diagnostic.Warning(At(path, keyScalar.Start), $"paper \"{quotedKey}\" has no title", "add `title: \"...\"` under the key; until then the bot shows the key"));
            title = null;
        }

        if (firstLines.TryGetValue(key, out var firstLine))
        {
            var at = At(path, keyScalar.Start);
            diagnostics.Add(DefinedTwice(path, key, firstLine, at.Line, at.Column));
        }
        else
        {
            firstLines[key] = keyLine;
        }

        papers[key] = new Paper(key, title, authors, venue, url);
    }

    internal static Diagnostic DefinedTwice(string path, string key, int firstLine, int line, int column)
    {
        var quotedKey = Excerpt.Token(key);
        return Diagnostic.Warning(
            new SourceLocation(path, line, column),
            $"paper key \"{quotedKey}\" is defined twice, on lines {firstLine} and {line}; the site uses the last definition (line {line})",
            "delete the definition you do not want");
    }

    private static string? ReadValue(IParser parser, string path, string key, string field, ICollection<Diagnostic> diagnostics)
    {
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            return IsNull(scalar) || scalar.Value.Length == 0 ? null : scalar.Value;
        }

        // Skipped before reporting: a value too deeply nested (or broken YAML inside it) stops the
        // reading with its own error there, and "must be a single text value" next to it is noise.
        var at = At(path, parser.Current!.Start);
        parser.SkipThisAndNestedEvents();
        diagnostics.Add(Diagnostic.Error(at, $"paper \"{key}\": {field} must be a single text value", $"write it on one line, e.g. `{field}: \"...\"`"));
        return null;
    }

    private static bool IsNull(Scalar scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL";

    private static SourceLocation At(string path, Mark mark) => new(path, Math.Max(1, (int)mark.Line), Math.Max(1, (int)mark.Column));
}
