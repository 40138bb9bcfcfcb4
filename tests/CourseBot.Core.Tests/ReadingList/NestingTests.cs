using System.Diagnostics;
using System.Text;
using CourseBot.Core.Calendar;
using CourseBot.Core.ReadingList;

namespace CourseBot.Core.Tests.ReadingList;

/// <summary>
/// Deeply nested YAML (100,000 <c>[</c>, ~200 KB) once overflowed the stack reading a course file (killing
/// the process, so this test run too) and cost quadratic time in a papers file (32 s). Both are now refused
/// at the place the nesting gets too deep, quickly.
/// </summary>
public sealed class NestingTests
{
    private const int Levels = 100_000;

    /// <summary>Far above the milliseconds it takes now, far below the 32 s it took before.</summary>
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(5);

    private static string Nested(int levels) => new string('[', levels) + new string(']', levels);

    [Fact]
    public void A_course_file_nested_100000_levels_deep_is_an_error_at_its_line_not_a_crash()
    {
        var text = "id: cs395t\nname: Test\nchannels:\n  slack: " + Nested(Levels) + "\n";
        var diagnostics = new List<Diagnostic>();
        var clock = Stopwatch.StartNew();

        var course = CourseFile.Parse(text, "c.yaml", diagnostics);

        Assert.True(clock.Elapsed < Quickly, $"took {clock.Elapsed}");
        Assert.Null(course);
        var error = Assert.Single(diagnostics);
        // The file's mapping and `channels:` are two levels; the first `[` is at column 10.
        Assert.Equal(new SourceLocation("c.yaml", 4, 10 + DepthLimitedParser.MaxDepth - 2), error.Location);
        Assert.Equal($"the course file is not valid YAML: the YAML is nested more than {DepthLimitedParser.MaxDepth} levels deep here", error.Message);
    }

    [Fact]
    public void A_papers_file_nested_100000_levels_deep_is_an_error_at_its_line_and_is_quick()
    {
        var papers = "orca-osdi22:\n  title: Orca\nalpa-osdi22:\n  title: " + Nested(Levels) + "\n";
        var page = "#### T\n{% include paper_item.html key=\"orca-osdi22\" %}\n";
        var clock = Stopwatch.StartNew();

        var parsed = ReadingListLoader.FromBytes(Encoding.UTF8.GetBytes(page), "list.md", Encoding.UTF8.GetBytes(papers), "papers.yaml");

        Assert.True(clock.Elapsed < Quickly, $"took {clock.Elapsed}");
        var error = Assert.Single(parsed.Diagnostics, d => d.Message.Contains($"nested more than {DepthLimitedParser.MaxDepth} levels deep", StringComparison.Ordinal));
        Assert.Equal(new SourceLocation("papers.yaml", 4, 10 + DepthLimitedParser.MaxDepth - 2), error.Location);
        Assert.Equal("Orca", parsed.Papers["orca-osdi22"].Title);
    }

    [Fact]
    public void A_too_deeply_nested_title_is_reported_once_as_the_nesting_not_also_as_not_text()
    {
        var papers = "orca-osdi22:\n  title: Orca\nalpa-osdi22:\n  title: " + Nested(Levels) + "\n";
        var diagnostics = new List<Diagnostic>();

        PapersFileParser.Parse(papers, "papers.yaml", diagnostics);

        var error = Assert.Single(diagnostics, d => d.Severity == Severity.Error);
        Assert.Contains($"nested more than {DepthLimitedParser.MaxDepth} levels deep", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(diagnostics, d => d.Message.Contains("single text value", StringComparison.Ordinal));
    }

    [Fact]
    public void A_title_nested_within_the_limit_is_still_not_text()
    {
        var diagnostics = new List<Diagnostic>();

        PapersFileParser.Parse("alpa-osdi22:\n  title: " + Nested(3) + "\n", "papers.yaml", diagnostics);

        var error = Assert.Single(diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(new SourceLocation("papers.yaml", 2, 10), error.Location);
        Assert.Equal("paper \"alpa-osdi22\": title must be a single text value", error.Message);
    }

    [Fact]
    public void A_course_file_nested_within_the_limit_reads_as_before()
    {
        // 60 levels inside `slack:` stays under the limit of 64 (the file's own mapping is one level).
        var text = "id: cs395t\nchannels:\n  slack: " + Nested(60) + "\n";
        var diagnostics = new List<Diagnostic>();

        CourseFile.Parse(text, "c.yaml", diagnostics);

        Assert.DoesNotContain(diagnostics, d => d.Message.Contains("nested", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.Message.Contains("must be a single value", StringComparison.Ordinal));
    }

    [Fact]
    public void An_alias_bomb_in_a_course_file_is_not_expanded()
    {
        var text = new StringBuilder("id: cs395t\nname: Test\nholidayNotice: &a0 \"lol\"\n");
        for (var i = 1; i <= 20; i++)
        {
            text.Append($"x{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        }

        var diagnostics = new List<Diagnostic>();
        var clock = Stopwatch.StartNew();

        CourseFile.Parse(text.ToString(), "c.yaml", diagnostics);

        Assert.True(clock.Elapsed < Quickly, $"took {clock.Elapsed}");
        Assert.Equal(20, diagnostics.Count(d => d.Message.StartsWith("unknown field \"x", StringComparison.Ordinal)));
    }
}
