using CourseBot.Core.Calendar;
using CourseBot.Core.ReadingList;

namespace CourseBot.Core.Tests.Calendar;

public sealed class CourseFileTests
{
    private const string Valid = """
        id: cs395t
        name: "CS 395T: Advanced Topics in Systems and GenAI"
        term: Fall 2025
        timeZone: America/Chicago
        firstMonday: 2025-08-25
        lastDay: 2025-12-04
        meetings:
          - { day: Tuesday, start: "12:30", end: "14:00" }
          - { day: Thu, start: "12:30", end: "14:00" }
        holidays:
          - { name: Thanksgiving break, from: 2025-11-24, to: 2025-11-30 }
          - { name: Labor Day, date: 2025-09-01 }
        responses: { due: "18:00", daysBefore: 1 }
        announce: { cron: "0 0 9 ? * MON", reminders: ["3h", "1d"] }
        readingList: cs395t/reading_list.md
        papers: https://example.edu/papers.yaml
        channels: { discord: ["1234567890"], slack: [C0123] }
        studentReplies: public
        """;

    [Fact]
    public void A_complete_course_file_is_read_field_by_field()
    {
        var diagnostics = new List<Diagnostic>();
        var course = CourseFile.Parse(Valid, "/courses/cs395t.yaml", diagnostics);

        Assert.Empty(diagnostics);
        Assert.NotNull(course);
        Assert.Equal("cs395t", course.Id);
        Assert.Equal("America/Chicago", course.TimeZone.Id);
        Assert.Equal(new DateOnly(2025, 8, 25), course.FirstMonday);
        Assert.Equal([DayOfWeek.Tuesday, DayOfWeek.Thursday], course.Meetings.Select(m => m.Day).ToArray());
        Assert.Equal(new Holiday("Labor Day", new DateOnly(2025, 9, 1), new DateOnly(2025, 9, 1)), course.Holidays[1]);
        Assert.Equal(new ResponseRule(new TimeOnly(18, 0), 1), course.Responses);
        Assert.Equal([TimeSpan.FromHours(3), TimeSpan.FromDays(1)], course.ReminderLeadTimes.ToArray());
        Assert.Equal(Path.GetFullPath("/courses/cs395t/reading_list.md"), course.ReadingList);
        Assert.Equal("https://example.edu/papers.yaml", course.Papers);
        Assert.Equal(["1234567890"], course.Channels.Discord.ToArray());
        Assert.Equal(["C0123"], course.Channels.Slack.ToArray());
        Assert.False(course.StudentRepliesEphemeral);
        Assert.Null(course.Plan);
    }

    [Fact]
    public void Plain_questions_are_answered_unless_the_course_turns_them_off()
    {
        var diagnostics = new List<Diagnostic>();
        Assert.True(CourseFile.Parse(Valid, "/courses/cs395t.yaml", diagnostics)!.AnswerMentions);
        Assert.False(CourseFile.Parse(Valid + "\nanswerMentions: false", "/courses/cs395t.yaml", diagnostics)!.AnswerMentions);
        Assert.Empty(diagnostics);

        CourseFile.Parse(Valid + "\nanswerMentions: sometimes", "/courses/cs395t.yaml", diagnostics);
        var problem = Assert.Single(diagnostics);
        Assert.Equal(19, problem.Location.Line);
        Assert.Contains("answerMentions must be true or false", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_its_line()
    {
        const string text = """
            id: cs395t
            name: Test
            timezone: America/Chicago
            firstMonday: 2025-08-27
            meetings:
              - { day: Tusday, start: "12:30", end: "14:00" }
            holidays:
              - { name: Break, from: 2025-11-30, to: 2025-11-24 }
            readingList: a.md
            papers: b.yaml
            announce: { cron: "every monday" }
            """;
        var diagnostics = new List<Diagnostic>();

        var course = CourseFile.Parse(text, "c.yaml", diagnostics);

        Assert.Null(course);
        Assert.Contains(diagnostics, d => d.Location.Line == 3 && d.Message == "unknown field \"timezone\"" && d.Hint == "did you mean \"timeZone\"?");
        Assert.Contains(diagnostics, d => d.Message == "the course file has no \"timeZone\"");
        Assert.Contains(diagnostics, d => d.Location.Line == 4 && d.Message.Contains("is a Wednesday, not a Monday", StringComparison.Ordinal) && d.Hint!.Contains("2025-08-25", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.Location.Line == 6 && d.Message.Contains("\"Tusday\" is not a day of the week", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.Location.Line == 8 && d.Message.Contains("ends (2025-11-24) before it starts", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.Location.Line == 11 && d.Message.Contains("not a Quartz cron expression", StringComparison.Ordinal));
        Assert.All(diagnostics, d => Assert.Equal(Severity.Error, d.Severity));
    }

    [Fact]
    public void Empty_lists_mean_none()
    {
        var diagnostics = new List<Diagnostic>();
        var text = Valid.Replace("holidays:\n  - { name: Thanksgiving break, from: 2025-11-24, to: 2025-11-30 }\n  - { name: Labor Day, date: 2025-09-01 }\n", "holidays:\n");

        var course = CourseFile.Parse(text, "c.yaml", diagnostics);

        Assert.Empty(diagnostics);
        Assert.Empty(course!.Holidays);
    }

    [Fact]
    public void An_unknown_time_zone_is_named()
    {
        var diagnostics = new List<Diagnostic>();
        CourseFile.Parse(Valid.Replace("America/Chicago", "Central Time"), "c.yaml", diagnostics);

        var error = Assert.Single(diagnostics);
        Assert.Equal("unknown time zone \"Central Time\"", error.Message);
        Assert.Equal(4, error.Location.Line);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("- a\n- b\n")]
    [InlineData("just a sentence")]
    [InlineData("id: [unclosed")]
    public void Bad_files_are_diagnostics_not_exceptions(string text)
    {
        var diagnostics = new List<Diagnostic>();

        var course = CourseFile.Parse(text, "c.yaml", diagnostics);

        Assert.Null(course);
        Assert.Contains(diagnostics, d => d.Severity == Severity.Error && d.Location.Path == "c.yaml");
    }

    [Fact]
    public void Binary_garbage_is_reported()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(Path.Combine(folder.Path, "junk.yaml"), [0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0xff, 0xfe]);

        var result = CourseFile.LoadDirectory(folder.Path);

        Assert.Empty(result.Courses);
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("binary", StringComparison.Ordinal));
    }

    [Fact]
    public void A_folder_may_hold_several_courses_but_not_two_with_one_id()
    {
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, "a.yaml"), Valid);
        File.WriteAllText(Path.Combine(folder.Path, "b.yaml"), Valid.Replace("id: cs395t", "id: cs380d"));
        File.WriteAllText(Path.Combine(folder.Path, "c.yml"), Valid);

        var result = CourseFile.LoadDirectory(folder.Path);

        Assert.Equal(["cs395t", "cs380d"], result.Courses.Select(c => c.Id).ToArray());
        var duplicate = Assert.Single(result.Diagnostics);
        Assert.Contains("course id \"cs395t\" is also used by", duplicate.Message);
    }

    [Fact]
    public void An_explicit_plan_is_read_with_line_numbers()
    {
        var text = Valid + """

            plan:
              - topic: Efficient LLM Serving
                weeks: 2
              - papers: [pagedattention-sosp23, orca-osdi22]
                title: Serving deep dive
              - title: Project presentations
                week: 12
            """;
        var diagnostics = new List<Diagnostic>();

        var course = CourseFile.Parse(text, "c.yaml", diagnostics);

        Assert.Empty(diagnostics);
        var plan = course!.Plan!;
        Assert.Equal(3, plan.Count);
        Assert.Equal(("Efficient LLM Serving", 2), (plan[0].Topic, plan[0].Weeks));
        Assert.Equal(["pagedattention-sosp23", "orca-osdi22"], plan[1].Papers.ToArray());
        Assert.Equal(12, plan[2].StartWeek);
        Assert.Equal(20, plan[0].Location.Line); // "plan:" is line 19 (after the 18 lines above)
    }

    [Fact]
    public void The_shipped_sample_course_file_is_valid()
    {
        var folder = FindRepositoryConfig();

        var result = CourseFile.LoadDirectory(folder);

        Assert.Empty(result.Diagnostics);
        var course = Assert.Single(result.Courses);
        Assert.Equal("cs395t", course.Id);
        Assert.True(File.Exists(course.ReadingList));
        Assert.True(File.Exists(course.Papers));
    }

    private static string FindRepositoryConfig()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CourseBot.sln")))
            {
                return Path.Combine(dir.FullName, "config");
            }
        }

        throw new InvalidOperationException("the repository (CourseBot.sln) was not found above the test binary");
    }
}
