using CourseBot.Benchmarks;
using CourseBot.Core.ReadingList;

namespace CourseBot.Core.Tests.ReadingList;

/// <summary>
/// The fast reader of the flat papers file against the full YAML reader: the same papers for every real
/// file, and for anything outside the flat shape the full reader's result and diagnostics, exactly.
/// </summary>
public sealed class FlatPapersReaderTests
{
    private static readonly string[] RealFiles =
    [
        "papers.yaml",
        "history/papers.2025-06-26.1e75653.yaml",
        "history/papers.2025-08-18.00ba1cc.yaml",
        "history/papers.2025-08-18.c0b53c7.yaml",
        "history/papers.2025-08-18.e1425ed.yaml",
        "history/papers.2025-08-19.3cc087a.yaml",
    ];

    public static TheoryData<string> RealPapersFiles => new(RealFiles);

    [Fact]
    public void Every_papers_file_in_the_history_is_listed_here()
    {
        var files = Directory.GetFiles(SharedCourse.History, "papers*.yaml").Select(f => "history/" + Path.GetFileName(f));

        Assert.Equal(RealFiles.Where(f => f.StartsWith("history/", StringComparison.Ordinal)).Order(), files.Order());
    }

    [Theory]
    [MemberData(nameof(RealPapersFiles))]
    public void Every_real_papers_file_reads_the_same_by_both_paths(string file)
    {
        var text = SourceText.NormalizeLineEnds(File.ReadAllText(SharedCourse.File(file)));

        AssertReadByBothPaths(text);
    }

    [Fact]
    public void The_generated_10k_papers_file_reads_the_same_by_both_paths()
    {
        var (_, papers) = GeneratedCourse.Create(10_000, 100);

        var read = AssertReadByBothPaths(papers);

        Assert.Equal(10_000, read.Count);
    }

    [Fact]
    public void The_fast_path_reads_escaped_quotes_plain_values_and_empty_values()
    {
        const string text = "textgrad-nature25:\n  title: \"TextGrad: Automatic \\\"Differentiation\\\" via \\\\ Text\"\n  authors: Mert Yuksekgonul, and James Zou\n  booktitle: \"\"\n  url:\n";

        var papers = FlatPapersReader.TryRead(text, "papers.yaml", []);

        Assert.NotNull(papers);
        Assert.Equal(new Paper("textgrad-nature25", "TextGrad: Automatic \"Differentiation\" via \\ Text", "Mert Yuksekgonul, and James Zou", null, null), Assert.Single(papers.Values));
    }

    [Fact]
    public void A_key_defined_twice_is_read_by_the_fast_path_with_the_full_readers_warning()
    {
        var papers = AssertReadByBothPaths("a-x:\n  title: \"First\"\nb-x:\n  title: \"B\"\n\na-x:\n  title: \"Second\"\na-x:\n  title: \"Third\"\n");

        Assert.Equal(["a-x", "b-x"], papers.Keys);
        Assert.Equal("Third", papers["a-x"].Title);
    }

    /// <summary>Papers written in ways the flat reader leaves to YAML, or with something to report.</summary>
    public static TheoryData<string, string> Unusual => new()
    {
        { "anchor and alias", "a-x:\n  title: &t \"Anchored\"\nb-x:\n  title: *t\n" },
        { "flow mapping", "a-x: {title: \"Flow\", url: \"https://example.org\"}\n" },
        { "flow mapping under a field", "a-x:\n  title: {a: b}\n" },
        { "plain scalar over two lines", "a-x:\n  title: A title\n    that goes on\n" },
        { "double-quoted over two lines", "a-x:\n  title: \"A title\n    that goes on\"\n" },
        { "literal block", "a-x:\n  title: |\n    Literal\n    block\n" },
        { "folded block", "a-x:\n  title: >\n    Folded\n    block\n" },
        { "comment line", "# papers\na-x:\n  title: \"T\"\n" },
        { "indented comment", "a-x:\n  # the title\n  title: \"T\"\n" },
        { "trailing comment", "a-x:\n  title: T # a comment\n" },
        { "hash inside a plain value", "a-x:\n  title: C#\n  url: https://example.org/p#sec\n" },
        { "single-quoted", "a-x:\n  title: 'It''s quoted'\n" },
        { "double-quoted escapes", "a-x:\n  title: \"Tab\\there \\u00e9 \\x41 \\n end\"\n" },
        { "backslash at the end of a double-quoted value", "a-x:\n  title: \"back\\\"\n" },
        { "unclosed double quote", "a-x:\n  title: \"unclosed\n" },
        { "text after the closing quote", "a-x:\n  title: \"T\" x\n" },
        { "tab indentation", "a-x:\n\ttitle: \"T\"\n" },
        { "tab in a value", "a-x:\n  title: \"T\tab\"\n" },
        { "trailing spaces after a key", "a-x:  \n  title: \"T\"\n" },
        { "trailing spaces after a value", "a-x:\n  title: T  \n  url: \"u\"  \n" },
        { "two spaces before a value", "a-x:\n  title:  T\n" },
        { "no space before a value", "a-x:\n  title:\"T\"\n" },
        { "blank line of spaces", "a-x:\n  title: T\n   \nb-x:\n  title: U\n" },
        { "blank lines inside a paper", "a-x:\n  title: T\n\n\n  url: u\n" },
        { "duplicate paper key", "a-x:\n  title: \"First\"\nb-x:\n  title: \"B\"\na-x:\n  title: \"Second\"\n" },
        { "duplicate field", "a-x:\n  title: \"First\"\n  title: \"Second\"\n" },
        { "unknown field", "a-x:\n  title: \"T\"\n  titel: \"U\"\n  year: 2024\n" },
        { "no title", "a-x:\n  authors: \"A\"\n" },
        { "empty title", "a-x:\n  title: \"\"\n" },
        { "blank title", "a-x:\n  title: \"   \"\n" },
        { "null title", "a-x:\n  title: null\n" },
        { "null words as values", "a-x:\n  title: T\n  authors: ~\n  booktitle: Null\n  url: \"null\"\n" },
        { "no fields", "a-x:\nb-x:\n  title: \"T\"\n" },
        { "no fields at the end", "b-x:\n  title: \"T\"\na-x:\n" },
        { "a single value", "a-x: \"Just a title\"\n" },
        { "document start", "---\na-x:\n  title: \"T\"\n" },
        { "document end", "a-x:\n  title: \"T\"\n...\n" },
        { "directive", "%YAML 1.1\n---\na-x:\n  title: \"T\"\n" },
        { "two documents", "a-x:\n  title: \"T\"\n---\nb-x:\n  title: \"U\"\n" },
        { "carriage returns", "a-x:\r\n  title: \"T\"\r\n  url: u\r\n" },
        { "four-space indent", "a-x:\n    title: \"T\"\n    url: \"u\"\n" },
        { "inconsistent indent", "a-x:\n  title: \"T\"\n   url: \"u\"\n" },
        { "less indented field", "a-x:\n    title: \"T\"\n  url: \"u\"\n" },
        { "field before any key", "  title: \"T\"\na-x:\n  title: \"U\"\n" },
        { "value ending in a colon", "a-x:\n  title: T:\n" },
        { "colon and space in a plain value", "a-x:\n  title: DistServe: Disaggregating\n" },
        { "colon without a space in a plain value", "a-x:\n  title: T\n  url: https://example.org:8080/p\n" },
        { "indicator first in a plain value", "a-x:\n  title: - T\n  url: '@u'\n" },
        { "tag", "a-x:\n  title: !!str 2024\n" },
        { "quoted key", "\"a-x\":\n  title: \"T\"\n" },
        { "key with spaces", "a x:\n  title: \"T\"\n" },
        { "key with other characters", "a/x@y:\n  title: \"T\"\n" },
        { "very long key", new string('k', 1100) + ":\n  title: \"T\"\n" },
        { "explicit key", "? a-x\n: title: \"T\"\n" },
        { "sequence value", "a-x:\n  title: \"T\"\n  authors:\n  - A\n  - B\n" },
        { "sequence of papers", "- title: \"T\"\n" },
        { "brackets in a plain value", "a-x:\n  title: T [x] {y}\n" },
        { "commas and quotes inside a plain value", "a-x:\n  title: It's \"T\", 100%\n  authors: A, B, and C\n" },
        { "non-ASCII and emoji", "a-x:\n  title: \"Łukasz — naïve 🚀\"\n  authors: José Müller 🚀\n" },
        { "no-break space", "a-x:\n  title: T\u00a0\n  authors: \"\u00a0A\"\n" },
        { "control character", "a-x:\n  title: \"T\u0001\"\n" },
        { "next line character", "a-x:\n  title: T\u0085U\n" },
        { "line separator", "a-x:\n  title: T\u2028U\n" },
        { "byte-order mark", "\ufeffa-x:\n  title: \"T\"\n" },
        { "unpaired surrogate", "a-x:\n  title: \"T\ud800\"\n" },
        { "empty file", "" },
        { "blank lines only", "\n\n" },
        { "null document", "~\n" },
        { "only a comment", "# nothing yet\n" },
        { "no newline at the end", "a-x:\n  title: \"T\"" },
    };

    [Theory]
    [MemberData(nameof(Unusual))]
    public void Unusual_files_read_as_the_full_reader_reads_them(string name, string papers)
    {
        Assert.NotNull(name);

        AssertSameResult(papers);
    }

    [Theory]
    [MemberData(nameof(Unusual))]
    public void Unusual_papers_inside_a_real_file_read_as_the_full_reader_reads_them(string name, string papers)
    {
        Assert.NotNull(name);
        var real = SourceText.NormalizeLineEnds(File.ReadAllText(SharedCourse.File("papers.yaml")));
        var middle = real.IndexOf("\n\n", real.Length / 2, StringComparison.Ordinal) + 2;

        AssertSameResult(real[..middle] + papers + "\n" + real[middle..]);
        AssertSameResult(real + papers);
    }

    [Fact]
    public void Files_outside_the_flat_shape_are_left_to_the_full_reader()
    {
        Assert.Null(Flat("a-x:\n  title: &t \"Anchored\"\n"));
        Assert.Null(Flat("a-x: {title: \"Flow\"}\n"));
        Assert.Null(Flat("a-x:\n  title: A title\n    that goes on\n"));
        Assert.Null(Flat("# papers\na-x:\n  title: \"T\"\n"));
        Assert.Null(Flat("a-x:\n  title: 'single'\n"));
        Assert.Null(Flat("a-x:\n  title: \"T\"\n  year: 2024\n"));
    }

    private static Dictionary<string, Paper>? Flat(string text) => FlatPapersReader.TryRead(text, "papers.yaml", []);

    /// <summary>The flat reader reads the file, and gives the same papers, in the same order, and the same warnings as the full reader.</summary>
    private static Dictionary<string, Paper> AssertReadByBothPaths(string text)
    {
        var diagnostics = new List<Diagnostic>();
        var full = PapersFileParser.ParseYaml(text, "papers.yaml", diagnostics, out var complete);
        var duplicates = new List<Diagnostic>();
        var fast = FlatPapersReader.TryRead(text, "papers.yaml", duplicates);

        Assert.True(complete);
        Assert.NotNull(fast);
        Assert.Equal(full.ToArray(), fast.ToArray());
        Assert.Equal(diagnostics, duplicates);
        return fast;
    }

    /// <summary>Whichever path reads it: the full reader's papers, diagnostics and completeness.</summary>
    private static void AssertSameResult(string text)
    {
        var expectedDiagnostics = new List<Diagnostic>();
        var expected = PapersFileParser.ParseYaml(text, "papers.yaml", expectedDiagnostics, out var expectedComplete);
        var diagnostics = new List<Diagnostic>();
        var papers = PapersFileParser.Parse(text, "papers.yaml", diagnostics, out var complete);

        Assert.Equal(expected.ToArray(), papers.ToArray());
        Assert.Equal(expectedDiagnostics, diagnostics);
        Assert.Equal(expectedComplete, complete);
    }
}
