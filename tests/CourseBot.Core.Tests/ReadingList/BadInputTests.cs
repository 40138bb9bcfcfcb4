using System.Text;
using CourseBot.Core.ReadingList;

namespace CourseBot.Core.Tests.ReadingList;

/// <summary>Whatever the files hold, loading gives diagnostics, never an exception, and keeps what is good.</summary>
public sealed class BadInputTests
{
    private static readonly byte[] GoodPapers = Encoding.UTF8.GetBytes("orca-osdi22:\n  title: Orca\n");
    private static readonly byte[] GoodPage = Encoding.UTF8.GetBytes("#### T\n{% include paper_item.html key=\"orca-osdi22\" %}\n");

    private static CourseReadingList Load(byte[] page, byte[] papers) =>
        ReadingListLoader.FromBytes(page, "list.md", papers, "papers.yaml");

    [Fact]
    public void Empty_files_are_warnings()
    {
        var parsed = Load([], []);

        Assert.Empty(parsed.Topics);
        Assert.Contains(parsed.Diagnostics, d => d.Message == "the papers file is empty");
        Assert.Contains(parsed.Diagnostics, d => d.Message == "the reading list has no readings");
        Assert.False(parsed.HasErrors);
    }

    [Fact]
    public void Binary_garbage_is_an_error_naming_where_the_nul_byte_is()
    {
        var garbage = new byte[4096];
        new Random(395).NextBytes(garbage);
        garbage[100] = 0;
        garbage[10] = (byte)'\n';

        var parsed = Load(garbage, GoodPapers);

        var error = Assert.Single(parsed.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal("list.md", error.Location.Path);
        Assert.Contains("binary", error.Message);
        Assert.Equal("Orca", parsed.Papers["orca-osdi22"].Title);
    }

    [Fact]
    public void Invalid_utf8_names_its_line()
    {
        var page = Encoding.UTF8.GetBytes("#### T\n\n{% include paper_item.html key=\"orca-osdi22\" %}\nbad: ").Concat(new byte[] { 0xC3, 0x28 }).ToArray();

        var parsed = Load(page, GoodPapers);

        var error = Assert.Single(parsed.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(new SourceLocation("list.md", 4, 6), error.Location);
        Assert.Contains("not valid UTF-8", error.Message);
    }

    [Fact]
    public void A_10_mb_file_is_refused_with_its_size()
    {
        var huge = new byte[10 * 1024 * 1024];
        Array.Fill(huge, (byte)'a');

        var parsed = Load(huge, GoodPapers);

        var error = Assert.Single(parsed.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Contains("10.0 MB", error.Message);
    }

    [Fact]
    public void A_missing_file_is_an_error_and_the_other_file_still_loads()
    {
        var parsed = ReadingListLoader.Load(Path.Combine(Path.GetTempPath(), "no-such-list.md"), SharedCourse.File("papers.yaml"));

        Assert.Contains(parsed.Diagnostics, d => d.Severity == Severity.Error && d.Message == "the file does not exist");
        Assert.Equal(63, parsed.Papers.Count);
    }

    [Fact]
    public void A_file_that_is_only_front_matter_has_no_readings()
    {
        var parsed = Load(Encoding.UTF8.GetBytes("---\nlayout: page\n---\n"), GoodPapers);

        Assert.Empty(parsed.Topics);
        Assert.False(parsed.HasErrors);
    }

    [Fact]
    public void Papers_yaml_that_is_a_list_is_an_error()
    {
        var parsed = Load(GoodPage, Encoding.UTF8.GetBytes("- orca-osdi22\n- alpa-osdi22\n"));

        Assert.Contains(parsed.Diagnostics, d => d.Severity == Severity.Error && d.Message.StartsWith("the papers file must be a mapping", StringComparison.Ordinal));
        Assert.False(Assert.Single(parsed.Readings).IsResolved);
    }

    [Fact]
    public void A_yaml_syntax_error_keeps_the_papers_before_it()
    {
        var papers = "orca-osdi22:\n  title: Orca\nalpa-osdi22:\n  title: \"Alpa\n  url: x\n";

        var parsed = Load(GoodPage, Encoding.UTF8.GetBytes(papers));

        var error = Assert.Single(parsed.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Contains("not valid YAML", error.Message);
        Assert.True(error.Location.Line >= 4);
        Assert.True(Assert.Single(parsed.Readings).IsResolved);
    }

    [Fact]
    public void Unknown_and_misspelled_paper_fields_are_warnings_with_a_suggestion()
    {
        var parsed = Load(GoodPage, Encoding.UTF8.GetBytes("orca-osdi22:\n  titel: Orca\n  year: 2022\n"));

        Assert.Contains(parsed.Diagnostics, d => d.Location.Line == 2 && d.Message.Contains("\"titel\"", StringComparison.Ordinal) && d.Hint == "did you mean \"title\"?");
        Assert.Contains(parsed.Diagnostics, d => d.Location.Line == 3 && d.Message.Contains("\"year\"", StringComparison.Ordinal));
        Assert.All(parsed.Diagnostics, d => Assert.Equal(Severity.Warning, d.Severity));
    }

    [Fact]
    public void A_paper_given_as_a_single_value_is_an_error()
    {
        var parsed = Load(GoodPage, Encoding.UTF8.GetBytes("orca-osdi22: Orca\n"));

        var error = Assert.Single(parsed.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Contains("must be a mapping of fields", error.Message);
    }

    [Fact]
    public void An_unclosed_liquid_tag_is_an_error_and_the_entries_before_it_stay()
    {
        var parsed = Load(Encoding.UTF8.GetBytes("#### T\n{% include paper_item.html key=\"orca-osdi22\" %}\n{% include paper_item.html key=\"alpa-osdi22\"\n"), GoodPapers);

        Assert.Contains(parsed.Diagnostics, d => d.Severity == Severity.Error && d.Location.Line == 3 && d.Message.Contains("never closed", StringComparison.Ordinal));
        Assert.Equal("orca-osdi22", Assert.Single(parsed.Readings).Key);
    }

    [Fact]
    public void Diagnostics_render_as_path_line_column_severity_message_hint()
    {
        var diagnostic = Diagnostic.Error(new SourceLocation("list.md", 4, 33), "it is wrong", "fix it");

        Assert.Equal("list.md:4:33: error: it is wrong; fix it", diagnostic.ToString());
        Assert.Equal("list.md:1:1: warning: note", Diagnostic.Warning(new SourceLocation("list.md", 1, 1), "note").ToString());
    }

    [Fact]
    public void The_json_export_has_the_documented_shape_with_nulls_for_absent_values()
    {
        var list = ReadingListLoader.Load(SharedCourse.File("reading_list.md"), SharedCourse.File("papers.yaml"));
        using var stream = new MemoryStream();

        ReadingListJson.Write(list, stream);

        using var json = System.Text.Json.JsonDocument.Parse(stream.ToArray());
        var intro = json.RootElement.GetProperty("sections")[0];
        Assert.Equal("Part 1 - LLMs: Backbone of Modern AI", intro.GetProperty("part").GetString());
        Assert.Equal("Introduction", intro.GetProperty("topic").GetString());
        var transformer = intro.GetProperty("entries")[0];
        Assert.Equal(System.Text.Json.JsonValueKind.Null, transformer.GetProperty("authors").ValueKind);
        Assert.True(transformer.GetProperty("required").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, transformer.GetProperty("label").ValueKind);
        var llama = intro.GetProperty("entries")[1];
        Assert.Equal(System.Text.Json.JsonValueKind.Null, llama.GetProperty("key").ValueKind);
        Assert.Equal("(Sections 2, 3.3, and 4.1)", llama.GetProperty("note").GetString());
        var diagnostic = Assert.Single(json.RootElement.GetProperty("diagnostics").EnumerateArray().ToArray());
        Assert.Equal((55, 1, "warning"), (diagnostic.GetProperty("line").GetInt32(), diagnostic.GetProperty("column").GetInt32(), diagnostic.GetProperty("severity").GetString()));
    }
}
