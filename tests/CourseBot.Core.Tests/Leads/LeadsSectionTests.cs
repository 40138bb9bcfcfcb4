using CourseBot.Core.Calendar;
using CourseBot.Core.Leads;
using CourseBot.Core.ReadingList;

namespace CourseBot.Core.Tests.Leads;

/// <summary>The course file's <c>leads:</c> section (issue 13): every field, its default, and every problem at file:line:column with a hint.</summary>
public sealed class LeadsSectionTests
{
    /// <summary>A valid course file; the leads section starts on line 10, its first field on line 11 (column 3).</summary>
    private static string Course(string leads) => $"""
        id: cs395t
        name: Test
        timeZone: America/Chicago
        firstMonday: 2025-08-25
        lastDay: 2025-12-04
        readingList: a.md
        papers: b.yaml
        meetings:
          - {"{"} day: Tuesday, start: "12:30", end: "14:00" {"}"}
        leads:
        {leads}
        """;

    private static (CourseDefinition? Course, List<Diagnostic> Diagnostics) Read(string text)
    {
        var diagnostics = new List<Diagnostic>();
        var course = CourseFile.Parse(text, "c.yaml", diagnostics);
        return (course, diagnostics);
    }

    private static Diagnostic SingleError(string leads)
    {
        var (course, diagnostics) = Read(Course(leads));
        Assert.Null(course);
        var error = Assert.Single(diagnostics);
        Assert.Equal(Severity.Error, error.Severity);
        return error;
    }

    [Fact]
    public void The_sample_course_signs_up_two_leads_per_required_paper_as_its_file_says()
    {
        var diagnostics = new List<Diagnostic>();
        var course = CourseFile.Parse(File.ReadAllText(SampleConfig()), SampleConfig(), diagnostics);

        Assert.DoesNotContain(diagnostics, d => d.Severity == Severity.Error);
        var leads = course!.Leads!;
        Assert.Equal(LeadablePapers.Required, leads.Papers);
        Assert.Equal(2, leads.PerPaper);
        Assert.Equal(1, leads.PerStudent);
        Assert.Null(leads.Opens);
        Assert.Equal(TimeSpan.FromDays(2), leads.Closes);
        Assert.Equal(new SlidesDeadline(new TimeOnly(17, 0), 1), leads.SlidesDue);
        Assert.Equal([TimeSpan.FromDays(2), TimeSpan.FromHours(3)], leads.Reminders);
        Assert.True(leads.Waitlist);
        Assert.True(leads.ShowNames);
        Assert.True(leads.ExemptFromResponses);
        Assert.Equal(RosterScope.Week, leads.Roster);
    }

    [Fact]
    public void No_section_means_no_sign_ups()
    {
        var (course, diagnostics) = Read(Course("").Replace("leads:\n", "", StringComparison.Ordinal));

        Assert.Empty(diagnostics);
        Assert.Null(course!.Leads);
    }

    [Fact]
    public void An_empty_section_signs_up_one_lead_per_required_paper_one_paper_per_student()
    {
        var (course, diagnostics) = Read(Course(""));

        Assert.Empty(diagnostics);
        var leads = course!.Leads!;
        Assert.Equal(LeadablePapers.Required, leads.Papers);
        Assert.Equal(1, leads.PerPaper);
        Assert.Equal(1, leads.PerStudent);
        Assert.Equal(TimeSpan.Zero, leads.Closes);
        Assert.False(leads.Waitlist);
        Assert.True(leads.ShowNames);
    }

    [Fact]
    public void Every_field_is_read()
    {
        var (course, diagnostics) = Read(Course("""
              papers: all
              perPaper: 3
              perStudent: 2
              opens: "2025-08-25 09:00"
              closes: "12h"
              slidesDue: "9:30 0d"
              reminders: ["1d"]
              waitlist: true
              showNames: false
              exemptFromResponses: true
              roster: term
            """));

        Assert.Empty(diagnostics);
        var leads = course!.Leads!;
        Assert.Equal(LeadablePapers.All, leads.Papers);
        Assert.Equal(3, leads.PerPaper);
        Assert.Equal(2, leads.PerStudent);
        // 09:00 in Chicago on Aug 25 (daylight time, UTC−5).
        Assert.Equal(new DateTimeOffset(2025, 8, 25, 14, 0, 0, TimeSpan.Zero), leads.Opens);
        Assert.Equal(TimeSpan.FromHours(12), leads.Closes);
        Assert.Equal(new SlidesDeadline(new TimeOnly(9, 30), 0), leads.SlidesDue);
        Assert.Equal([TimeSpan.FromDays(1)], leads.Reminders);
        Assert.True(leads.Waitlist);
        Assert.False(leads.ShowNames);
        Assert.True(leads.ExemptFromResponses);
        Assert.Equal(RosterScope.Term, leads.Roster);
    }

    [Fact]
    public void A_list_of_papers_keeps_each_keys_place_in_the_file()
    {
        var (course, diagnostics) = Read(Course("""
              papers:
                - hybridflow-eurosys25
                - areal-arxiv25
            """));

        Assert.Empty(diagnostics);
        Assert.Equal(LeadablePapers.Listed, course!.Leads!.Papers);
        Assert.Equal(["hybridflow-eurosys25", "areal-arxiv25"], course.Leads.PaperKeys);
        Assert.Equal([new SourceLocation("c.yaml", 12, 7), new SourceLocation("c.yaml", 13, 7)], course.Leads.PaperKeysAt);
    }

    [Fact]
    public void An_unknown_field_is_an_error_at_its_name_with_did_you_mean()
    {
        var error = SingleError("  perpaper: 2");

        Assert.Equal(new SourceLocation("c.yaml", 11, 3), error.Location);
        Assert.Contains("unknown field \"perpaper\" in leads", error.Message);
        Assert.Contains("did you mean \"perPaper\"", error.Hint);
    }

    [Theory]
    [InlineData("perPaper: 6", "from 1 to 5")]
    [InlineData("perPaper: 0", "from 1 to 5")]
    [InlineData("perPaper: two", "from 1 to 5")]
    [InlineData("perStudent: 0", "at least 1")]
    public void A_number_out_of_range_is_an_error_at_its_value(string field, string range)
    {
        var error = SingleError("  " + field);

        Assert.Equal(11, error.Location.Line);
        Assert.Equal(field.IndexOf(' ', StringComparison.Ordinal) + 4, error.Location.Column);
        Assert.Contains(range, error.Message);
        Assert.Contains(field.Split(' ')[1], error.Message);
        Assert.NotNull(error.Hint);
    }

    [Fact]
    public void A_misspelt_papers_choice_suggests_the_right_one()
    {
        var error = SingleError("  papers: requried");

        Assert.Equal(new SourceLocation("c.yaml", 11, 11), error.Location);
        Assert.Contains("required, all or a list of paper keys", error.Message);
        Assert.Contains("did you mean \"required\"", error.Hint);
    }

    [Fact]
    public void An_empty_list_of_papers_is_an_error()
    {
        var error = SingleError("  papers: []");

        Assert.Contains("lists no papers", error.Message);
    }

    [Fact]
    public void Opens_that_is_not_a_date_and_time_is_an_error_naming_the_time_zone()
    {
        var error = SingleError("  opens: next monday");

        Assert.Equal(new SourceLocation("c.yaml", 11, 10), error.Location);
        Assert.Contains("\"next monday\" is not a date and time", error.Message);
        Assert.Contains("America/Chicago", error.Hint);
        Assert.Contains("2025-08-25 09:00", error.Hint);
    }

    [Fact]
    public void Opens_after_the_term_is_an_error()
    {
        var error = SingleError("  opens: 2026-01-10");

        Assert.Contains("after the term's last day (2025-12-04)", error.Message);
    }

    [Theory]
    [InlineData("soon", "is not a lead time")]
    [InlineData("30d", "more than 28 days")]
    public void A_closing_lead_time_that_is_not_one_is_an_error(string closes, string problem)
    {
        var error = SingleError($"  closes: \"{closes}\"");

        Assert.Equal(new SourceLocation("c.yaml", 11, 11), error.Location);
        Assert.Contains(problem, error.Message);
        Assert.Contains("e.g. \"2d\"", error.Hint);
    }

    [Theory]
    [InlineData("5pm")]
    [InlineData("17:00 9d")]
    [InlineData("25:00 1d")]
    public void A_slides_deadline_that_is_not_a_time_and_days_is_an_error(string slidesDue)
    {
        var error = SingleError($"  slidesDue: \"{slidesDue}\"");

        Assert.Equal(new SourceLocation("c.yaml", 11, 14), error.Location);
        Assert.Contains($"\"{slidesDue}\"", error.Message);
        Assert.Contains("\"17:00 1d\"", error.Hint);
    }

    [Theory]
    [InlineData("[\"0m\"]", "not a whole number of minutes from 1 minute to 7 days")]
    [InlineData("[\"later\"]", "is not a lead time")]
    [InlineData("\"2d\"", "must be a list of lead times")]
    public void Reminders_are_checked_like_the_announcement_reminders(string reminders, string problem)
    {
        var error = SingleError($"  reminders: {reminders}");

        Assert.Equal(11, error.Location.Line);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void A_roster_that_is_neither_week_nor_term_is_an_error()
    {
        var error = SingleError("  roster: weak");

        Assert.Contains("week or term", error.Message);
        Assert.Contains("did you mean \"week\"", error.Hint);
    }

    [Theory]
    [InlineData("waitlist")]
    [InlineData("showNames")]
    [InlineData("exemptFromResponses")]
    public void A_switch_must_be_true_or_false(string field)
    {
        var error = SingleError($"  {field}: yes please");

        Assert.Equal(new SourceLocation("c.yaml", 11, field.Length + 5), error.Location);
        Assert.Contains($"leads.{field} must be true or false", error.Message);
    }

    [Fact]
    public void A_section_that_is_not_a_mapping_is_an_error()
    {
        var error = SingleError("  - papers");

        Assert.Contains("\"leads\" must be a mapping", error.Message);
        Assert.Contains("README", error.Hint);
    }

    [Fact]
    public void Every_problem_of_the_section_is_reported_at_once()
    {
        var (_, diagnostics) = Read(Course("""
              perPaper: 9
              closes: never
              roster: month
            """));

        Assert.Equal([11, 12, 13], diagnostics.Select(d => d.Location.Line));
    }

    [Fact]
    public void A_listed_key_missing_from_the_reading_list_is_an_error_at_its_place_with_did_you_mean()
    {
        var calendar = Resolved("""
              papers:
                - hybridflow-eurosys25
                - areal-arxiv2
            """);

        var error = Assert.Single(calendar.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(new SourceLocation("c.yaml", 13, 7), error.Location);
        Assert.Contains("\"areal-arxiv2\"", error.Message);
        Assert.Contains("not on the reading list", error.Message);
        Assert.Contains("did you mean \"areal-arxiv25\"", error.Hint);
    }

    [Fact]
    public void A_listed_key_no_class_discusses_is_a_warning()
    {
        // The plan covers only the first topic, so the serving paper is on the list but in no week.
        var calendar = Resolved("""
              papers: [illtransformer, pagedattention-sosp23]
            """, plan: "plan:\n  - topic: Introduction\n");

        var warning = Assert.Single(calendar.Diagnostics, d => d.Message.Contains("pagedattention-sosp23", StringComparison.Ordinal));
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Contains("no class of the term discusses", warning.Message);
    }

    [Fact]
    public void Listed_keys_on_the_reading_list_are_not_reported()
    {
        var calendar = Resolved("""
              papers: [hybridflow-eurosys25, rlhfuse-nsdi25]
            """);

        Assert.DoesNotContain(calendar.Diagnostics, d => d.Message.Contains("leads", StringComparison.Ordinal));
    }

    /// <summary>The course file read, then resolved against the real reading list (as the bot does when it loads a course).</summary>
    private static TermCalendar Resolved(string leads, string plan = "")
    {
        var (course, diagnostics) = Read(Course(leads) + "\n" + plan);
        Assert.Empty(diagnostics);
        return CourseSnapshot.Create(course! with { LastDay = plan.Length > 0 ? null : course.LastDay }, SampleCourse.ReadingList).Calendar;
    }

    private static string SampleConfig()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "config", "cs395t.yaml");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("config/cs395t.yaml was not found above the test folder");
    }
}
