using CourseBot.Core.Calendar;
using CourseBot.Core.ReadingList;

namespace CourseBot.Core.Tests.Calendar;

/// <summary>A plan entry's <c>classes:</c> says which papers each class meeting of the week discusses.</summary>
public sealed class PlanClassesTests
{
    private const string Head = """
        id: cs395t
        name: CS 395T
        timeZone: America/Chicago
        firstMonday: 2025-08-25
        meetings:
          - { day: Tuesday, start: "12:30", end: "14:00" }
          - { day: Thursday, start: "12:30", end: "14:00" }
        responses: { due: "18:00", daysBefore: 1 }
        readingList: cs395t/reading_list.md
        papers: cs395t/papers.yaml
        plan:
          - topic: Introduction
          - topic: Scaling LLM Pre-Training
        """;

    private static (CourseSnapshot? Snapshot, List<Diagnostic> Diagnostics) Load(string entry, string? holidays = null)
    {
        var text = Head + "\n" + entry + (holidays is null ? "" : "\n" + holidays);
        var diagnostics = new List<Diagnostic>();
        var course = CourseFile.Parse(text, "/courses/cs395t.yaml", diagnostics);
        if (course is null)
        {
            return (null, diagnostics);
        }

        var snapshot = CourseSnapshot.Create(course, SampleCourse.ReadingList);
        diagnostics.AddRange(snapshot.Calendar.Diagnostics);
        return (snapshot, diagnostics);
    }

    private static string[] Keys(ClassMeeting meeting) => meeting.Readings.Select(r => r.Key!).ToArray();

    /// <summary>The 1-based line of the first line of the file holding <paramref name="text"/>.</summary>
    private static int LineOf(string entry, string text) =>
        (Head + "\n" + entry).Split('\n').Select((line, i) => (line, i)).First(x => x.line.Contains(text, StringComparison.Ordinal)).i + 1;

    [Fact]
    public void Each_list_is_the_papers_of_one_class_in_meeting_order()
    {
        var (snapshot, diagnostics) = Load("""
              - topic: LLM Post-Training for Alignment
                classes: [[hybridflow-eurosys25, areal-arxiv25], [asyncrlhf-iclr25, rlhfuse-nsdi25]]
            """);

        Assert.Empty(diagnostics);
        var week3 = snapshot!.Calendar.Week(3)!;
        Assert.Equal(["hybridflow-eurosys25", "areal-arxiv25"], Keys(week3.Meetings[0]));
        // Page order within a class, whatever order the list names them in.
        Assert.Equal(["rlhfuse-nsdi25", "asyncrlhf-iclr25"], Keys(week3.Meetings[1]));
    }

    [Fact]
    public void An_empty_list_is_a_class_without_papers()
    {
        var (snapshot, diagnostics) = Load("""
              - papers: [hybridflow-eurosys25, areal-arxiv25]
                title: RL systems
                classes: [[], [hybridflow-eurosys25, areal-arxiv25]]
            """);

        Assert.Empty(diagnostics);
        var week3 = snapshot!.Calendar.Week(3)!;
        Assert.Empty(week3.Meetings[0].Readings);
        Assert.Equal(["hybridflow-eurosys25", "areal-arxiv25"], Keys(week3.Meetings[1]));
    }

    [Fact]
    public void Papers_named_in_no_list_go_to_the_weeks_last_class_with_a_warning()
    {
        var entry = """
              - topic: LLM Post-Training for Alignment
                classes: [[hybridflow-eurosys25]]
            """;
        var (snapshot, diagnostics) = Load(entry);

        var warning = Assert.Single(diagnostics);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Equal(LineOf(entry, "- topic: LLM Post-Training"), warning.Location.Line);
        Assert.Contains("rlhfuse-nsdi25, areal-arxiv25, asyncrlhf-iclr25 are in no class list", warning.Message, StringComparison.Ordinal);
        var week3 = snapshot!.Calendar.Week(3)!;
        Assert.Equal(["hybridflow-eurosys25"], Keys(week3.Meetings[0]));
        Assert.Equal(["rlhfuse-nsdi25", "areal-arxiv25", "asyncrlhf-iclr25"], Keys(week3.Meetings[1]));
    }

    [Fact]
    public void An_unknown_key_is_an_error_at_its_line_and_column_with_a_suggestion()
    {
        var entry = """
              - topic: LLM Post-Training for Alignment
                classes:
                  - [hybridflow-eurosys25, rlhfuse-nsdi25]
                  - [areal-arxiv2, asyncrlhf-iclr25]
            """;
        var (_, diagnostics) = Load(entry);

        var error = Assert.Single(diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(LineOf(entry, "areal-arxiv2,"), error.Location.Line);
        Assert.Equal(10, error.Location.Column);
        Assert.Contains("\"areal-arxiv2\", which is not on the reading list", error.Message, StringComparison.Ordinal);
        Assert.Equal("did you mean \"areal-arxiv25\"?", error.Hint);
    }

    [Fact]
    public void A_paper_of_another_week_is_an_error_naming_this_weeks_papers()
    {
        var entry = """
              - topic: LLM Post-Training for Alignment
                classes: [[hybridflow-eurosys25, rlhfuse-nsdi25], [areal-arxiv25, distserve-osdi24]]
            """;
        var (_, diagnostics) = Load(entry);

        var error = Assert.Single(diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(LineOf(entry, "classes:"), error.Location.Line);
        Assert.Contains("\"distserve-osdi24\", which is not among this entry's papers", error.Message, StringComparison.Ordinal);
        Assert.Contains("this entry's papers are hybridflow-eurosys25, rlhfuse-nsdi25, areal-arxiv25, asyncrlhf-iclr25", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_paper_in_two_classes_is_an_error()
    {
        var entry = """
              - topic: LLM Post-Training for Alignment
                classes:
                  - [hybridflow-eurosys25, rlhfuse-nsdi25]
                  - [areal-arxiv25, hybridflow-eurosys25, asyncrlhf-iclr25]
            """;
        var (snapshot, diagnostics) = Load(entry);

        Assert.Null(snapshot);
        var error = Assert.Single(diagnostics);
        Assert.Equal(LineOf(entry, "- [areal-arxiv25, hybridflow"), error.Location.Line);
        Assert.Equal("paper \"hybridflow-eurosys25\" is in class 1 and again in class 2", error.Message);
    }

    [Fact]
    public void More_lists_than_the_week_has_meetings_is_an_error()
    {
        var (snapshot, diagnostics) = Load("""
              - topic: LLM Post-Training for Alignment
                classes: [[hybridflow-eurosys25], [rlhfuse-nsdi25], [areal-arxiv25, asyncrlhf-iclr25]]
            """);

        Assert.Null(snapshot);
        var error = Assert.Single(diagnostics);
        Assert.Equal("classes has 3 lists, but class meets 2 times a week (Tuesday, Thursday)", error.Message);
        Assert.Equal("give at most 2 lists, one per meeting in meeting order", error.Hint);
    }

    [Theory]
    [InlineData("classes: hybridflow-eurosys25", "classes must be a list with one list of paper keys per class meeting of the week")]
    [InlineData("classes: [hybridflow-eurosys25, areal-arxiv25]", "each entry of classes must be a list of paper keys (one list per class meeting)")]
    [InlineData("clases: [[hybridflow-eurosys25]]", "unknown field \"clases\" in plan")]
    public void A_misshapen_classes_field_is_an_error(string line, string message)
    {
        var (snapshot, diagnostics) = Load("  - topic: LLM Post-Training for Alignment\n    " + line);

        Assert.Null(snapshot);
        Assert.Contains(diagnostics, d => d.Severity == Severity.Error && d.Message == message);
    }

    [Fact]
    public void A_week_that_loses_a_class_to_a_holiday_gives_the_later_lists_papers_to_its_last_class()
    {
        var (snapshot, diagnostics) = Load(
            """
              - topic: LLM Post-Training for Alignment
                classes: [[hybridflow-eurosys25, rlhfuse-nsdi25], [areal-arxiv25, asyncrlhf-iclr25]]
            """,
            "holidays: [{ name: Staff retreat, date: 2025-09-11 }]");

        var warning = Assert.Single(diagnostics);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.StartsWith("week 3 (2025-09-08) has 1 class but classes: gives 2 lists", warning.Message, StringComparison.Ordinal);
        var meeting = Assert.Single(snapshot!.Calendar.Week(3)!.Meetings);
        Assert.Equal(4, meeting.Readings.Count);
    }
}
