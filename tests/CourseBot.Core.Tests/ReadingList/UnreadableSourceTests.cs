using CourseBot.Core.Calendar;
using CourseBot.Core.ReadingList;

namespace CourseBot.Core.Tests.ReadingList;

/// <summary>
/// A source that cannot be read (a tab in its YAML, a wrong path) is one error at the place that explains
/// it, and the errors that only follow from it (keys "missing" from the papers file, plan topics "missing"
/// from the reading list) are not reported on top.
/// </summary>
public sealed class UnreadableSourceTests
{
    private const string Page = """
        #### Serving
        {% include paper_item.html key="orca-osdi22" %}
        {% include paper_item.html key="alpa-osdi22" %}
        {% include paper_item.html key="vllm-sosp23" %}
        """;

    [Fact]
    public void A_tab_indenting_a_papers_field_is_reported_at_the_tab_without_knock_on_errors()
    {
        var papers = "orca-osdi22:\n  title: \"Orca\"\nalpa-osdi22:\n  title: \"Alpa\"\n\turl: x\nvllm-sosp23:\n  title: vLLM\n";

        var parsed = ReadingListLoader.FromText(Page, "list.md", papers, "papers.yaml");

        var error = Assert.Single(parsed.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(new SourceLocation("papers.yaml", 5, 1), error.Location);
        Assert.Equal("the papers file is not valid YAML: a tab is used for indentation; YAML indents with spaces only", error.Message);
        Assert.DoesNotContain(parsed.Diagnostics, d => d.Message.Contains("is not in papers.yaml", StringComparison.Ordinal));
        Assert.Equal("Orca", parsed.Papers["orca-osdi22"].Title);
    }

    [Theory]
    [InlineData("orca-osdi22:\n\ttitle: Orca\n", 2, 1)]
    [InlineData("orca-osdi22:\n  title: Orca\n  \tauthors: x\n", 3, 3)]
    [InlineData("orca-osdi22:\n  title: Orca\nalpa-osdi22:\n  title: Alpa\n\turl: y\n", 5, 1)]
    public void A_tab_in_papers_indentation_is_found_however_yaml_dot_net_places_it(string papers, int line, int column)
    {
        var parsed = ReadingListLoader.FromText(Page, "list.md", papers, "papers.yaml");

        var error = Assert.Single(parsed.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(new SourceLocation("papers.yaml", line, column), error.Location);
        Assert.Contains("a tab is used for indentation", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id: cs395t\nchannels:\n\tdiscord: []\n", 3)]
    [InlineData("id: cs395t\nname: Test\n\tterm: Fall\n", 3)]
    public void A_tab_indenting_a_course_file_line_is_reported_at_that_line(string text, int line)
    {
        var diagnostics = new List<Diagnostic>();

        Assert.Null(CourseFile.Parse(text, "c.yaml", diagnostics));

        var error = Assert.Single(diagnostics);
        Assert.Equal(new SourceLocation("c.yaml", line, 1), error.Location);
        Assert.Equal("the course file is not valid YAML: a tab is used for indentation; YAML indents with spaces only", error.Message);
    }

    [Fact]
    public void A_missing_papers_file_is_one_error_at_the_course_files_papers_line()
    {
        using var folder = new TempFolder();
        var list = Path.Combine(folder.Path, "list.md");
        File.WriteAllText(list, Page);
        var papers = Path.Combine(folder.Path, "paperz.yaml");
        var papersAt = new SourceLocation("course.yaml", 12, 9);

        var parsed = ReadingListLoader.Load(list, papers, new SourceLocation("course.yaml", 11, 14), papersAt);

        var error = Assert.Single(parsed.Diagnostics);
        Assert.Equal(papersAt, error.Location);
        Assert.Equal($"the file does not exist: {papers}", error.Message);
        Assert.Equal("check the path or URL in the course file", error.Hint);
        Assert.Equal(3, parsed.Readings.Count);
    }

    [Fact]
    public void A_course_file_says_where_it_names_its_sources()
    {
        var diagnostics = new List<Diagnostic>();
        var course = CourseFile.Parse("id: cs395t\nname: Test\ntimeZone: UTC\nfirstMonday: 2025-08-25\nreadingList: list.md\npapers:   paperz.yaml\n", "c.yaml", diagnostics);

        Assert.Empty(diagnostics);
        Assert.Equal(new SourceLocation("c.yaml", 5, 14), course!.ReadingListAt);
        Assert.Equal(new SourceLocation("c.yaml", 6, 11), course.PapersAt);
    }

    [Fact]
    public void A_missing_reading_list_does_not_list_an_empty_set_of_topics_for_the_plan()
    {
        var diagnostics = new List<Diagnostic>();
        var course = CourseFile.Parse(
            "id: cs395t\nname: Test\ntimeZone: UTC\nfirstMonday: 2025-08-25\nreadingList: gone.md\npapers: p.yaml\nplan:\n  - topic: Serving\n  - papers: [orca-osdi22]\n",
            "c.yaml",
            diagnostics);
        using var folder = new TempFolder();

        var list = ReadingListLoader.Load(Path.Combine(folder.Path, "gone.md"), null, course!.ReadingListAt, null);
        var calendar = new TermCalendar(course, list);

        Assert.Equal(new SourceLocation("c.yaml", 5, 14), Assert.Single(list.Diagnostics).Location);
        Assert.Empty(calendar.Diagnostics);
    }

    [Fact]
    public void A_plan_topic_missing_from_an_empty_reading_list_says_so_instead_of_an_empty_list()
    {
        var course = CourseFile.Parse(
            "id: cs395t\nname: Test\ntimeZone: UTC\nfirstMonday: 2025-08-25\nreadingList: l.md\npapers: p.yaml\nplan:\n  - topic: Serving\n",
            "c.yaml",
            []);
        var list = ReadingListLoader.FromText("no headings here\n", "l.md", "", "p.yaml");

        var error = Assert.Single(new TermCalendar(course!, list).Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal("the reading list has no topics yet", error.Hint);
    }
}
