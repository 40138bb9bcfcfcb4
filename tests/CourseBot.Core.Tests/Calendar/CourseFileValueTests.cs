using CourseBot.Core.Calendar;
using CourseBot.Core.ReadingList;

namespace CourseBot.Core.Tests.Calendar;

/// <summary>
/// Values that the bot only used later (the scheduler, the platforms) are checked when the course
/// file is read, so <c>validate</c> and the live refresh refuse them with their place in the file.
/// </summary>
public sealed class CourseFileValueTests
{
    /// <summary>A valid course file; line 8 holds the cron, line 11 the channels.</summary>
    private static string Course(string cron = "0 0 9 ? * MON", string discord = "\"1234567890123456789\"", string slack = "C0123ABCD", string reminders = "\"3h\"", string lastDay = "2025-12-04") => $"""
        id: cs395t
        name: Test
        timeZone: America/Chicago
        firstMonday: 2025-08-25
        lastDay: {lastDay}
        readingList: a.md
        papers: b.yaml
        announce: {"{"} cron: "{cron}", reminders: [{reminders}] {"}"}
        meetings:
          - {"{"} day: Tuesday, start: "12:30", end: "14:00" {"}"}
        channels: {"{"} discord: [{discord}], slack: [{slack}] {"}"}
        """;

    private static (CourseDefinition? Course, List<Diagnostic> Diagnostics) Read(string text)
    {
        var diagnostics = new List<Diagnostic>();
        var course = CourseFile.Parse(text, "c.yaml", diagnostics);
        return (course, diagnostics);
    }

    [Fact]
    public void The_valid_course_reads_without_diagnostics()
    {
        var (course, diagnostics) = Read(Course());

        Assert.Empty(diagnostics);
        Assert.NotNull(course);
    }

    [Theory]
    [InlineData("a b c d e f")]
    [InlineData("0 0 25 ? * MON")]
    [InlineData("0 0 8 ? * MNO")]
    [InlineData("0 0 9 ? * 2#6")]
    [InlineData("0 0 9 ? * MON 2999")]
    public void A_cron_expression_quartz_refuses_is_an_error_at_its_value(string cron)
    {
        var (course, diagnostics) = Read(Course(cron: cron));

        Assert.Null(course);
        var error = Assert.Single(diagnostics);
        Assert.Equal(Severity.Error, error.Severity);
        Assert.Equal(new SourceLocation("c.yaml", 8, 19), error.Location);
        Assert.Contains($"\"{cron}\" is not a Quartz cron expression", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"0 0 9 ? * MON\"", error.Hint, StringComparison.Ordinal);
        AssertSpeaksCourseFile(error);
    }

    [Theory]
    [InlineData("0 0 8 ? * MNO", "field 'day-of-week' value 'MNO' is not a day (MON–SUN or 1–7")]
    [InlineData("a b c d e f", "field 'seconds' value 'a' is not a second (0–59)")]
    [InlineData("0 0 25 ? * MON", "field 'hours' value '25' is not an hour (0–23)")]
    [InlineData("0 0 9 ? 13 MON", "field 'month' value '13' is not a month (1–12 or JAN–DEC)")]
    [InlineData("0 0 9 ? * 2#6", "field 'day-of-week' value '2#6' is not a day")]
    [InlineData("0 0 9 ? * MON 2999", "field 'year' value '2999' is not a year (1970–2126)")]
    [InlineData("0 9 * * 1", "has 5 fields; Quartz cron needs 6 or 7: seconds minutes hours day-of-month month day-of-week [year]")]
    [InlineData("0 0 9 ? * MON 2025 1", "has 8 fields; Quartz cron needs 6 or 7")]
    public void A_refused_cron_expression_names_the_field_and_what_it_accepts(string cron, string problem)
    {
        var (_, diagnostics) = Read(Course(cron: cron));

        var error = Assert.Single(diagnostics);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        AssertSpeaksCourseFile(error);
    }

    [Theory]
    [InlineData("0 0 9 * * 1", true)]
    [InlineData("0 0 9 1 * MON", false)]
    [InlineData("0 0 9 * * MON", false)]
    public void A_cron_with_both_day_of_month_and_day_of_week_is_accepted_with_a_warning(string cron, bool numericDay)
    {
        var (course, diagnostics) = Read(Course(cron: cron));

        Assert.Equal(cron, course!.AnnouncementCron);
        var warning = Assert.Single(diagnostics);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Equal(new SourceLocation("c.yaml", 8, 19), warning.Location);
        Assert.Contains("both a day-of-month", warning.Message, StringComparison.Ordinal);
        Assert.Contains("should be ?", warning.Message, StringComparison.Ordinal);
        Assert.Equal(numericDay, warning.Message.Contains("1 = Sunday", StringComparison.Ordinal));
        Assert.Contains("\"0 0 9 ? * MON\"", warning.Hint, StringComparison.Ordinal);
        AssertSpeaksCourseFile(warning);
    }

    /// <summary>No .NET vocabulary or leftover punctuation from Quartz's own messages.</summary>
    private static void AssertSpeaksCourseFile(Diagnostic diagnostic)
    {
        foreach (var text in new[] { diagnostic.Message, diagnostic.Hint ?? "" })
        {
            Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
            Assert.DoesNotContain("CronFormat", text, StringComparison.Ordinal);
            Assert.DoesNotContain("CronExpression", text, StringComparison.Ordinal);
            Assert.DoesNotContain("argument", text, StringComparison.Ordinal);
            Assert.DoesNotContain(").;", text, StringComparison.Ordinal);
            Assert.DoesNotContain("..", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("0 0 9 30 2 ?")]        // 30 February
    [InlineData("0 0 9 31 4 ?")]        // 31 April
    [InlineData("0 0 9 ? * MON 2020")]  // years before the term
    public void A_cron_expression_that_never_fires_is_an_error(string cron)
    {
        var (course, diagnostics) = Read(Course(cron: cron));

        Assert.Null(course);
        var error = Assert.Single(diagnostics);
        Assert.Equal(new SourceLocation("c.yaml", 8, 19), error.Location);
        Assert.Contains("never fires", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cron_expression_that_first_fires_after_the_term_is_an_error()
    {
        var (course, diagnostics) = Read(Course(cron: "0 0 9 ? * MON 2026"));

        Assert.Null(course);
        Assert.Contains("after the term's last day (2025-12-04)", Assert.Single(diagnostics).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0 0 9 ? * MON")]
    [InlineData("0 30 8 ? * MON,WED")]
    [InlineData("0 0 9 L * ?")]
    [InlineData("0 0 9 ? * 2#1")]
    [InlineData("0 0 9 ? * MON *")]
    [InlineData("0 0 9 ? * MON 2025")]
    public void Cron_expressions_quartz_schedules_are_accepted(string cron)
    {
        var (course, diagnostics) = Read(Course(cron: cron));

        Assert.Empty(diagnostics);
        Assert.Equal(cron, course!.AnnouncementCron);
    }

    [Theory]
    [InlineData("\"#general\"")]
    [InlineData("general")]
    [InlineData("\"<#1234567890123456789>\"")]
    [InlineData("\"-5\"")]
    [InlineData("\"99999999999999999999999\"")]
    public void A_discord_channel_that_is_not_a_snowflake_is_an_error_with_how_to_find_the_id(string discord)
    {
        var (course, diagnostics) = Read(Course(discord: discord));

        Assert.Null(course);
        var error = Assert.Single(diagnostics);
        Assert.Equal(new SourceLocation("c.yaml", 11, 23), error.Location);
        Assert.Contains("is not a Discord channel id", error.Message, StringComparison.Ordinal);
        Assert.Contains("Copy Channel ID", error.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"#general\"")]
    [InlineData("general")]
    [InlineData("c0123abcd")]
    [InlineData("U0123ABCD")]
    public void A_slack_channel_that_is_not_a_channel_id_is_an_error_with_how_to_find_the_id(string slack)
    {
        var (course, diagnostics) = Read(Course(slack: slack));

        Assert.Null(course);
        var error = Assert.Single(diagnostics);
        Assert.Equal(new SourceLocation("c.yaml", 11, 55), error.Location);
        Assert.Contains("is not a Slack channel id", error.Message, StringComparison.Ordinal);
        Assert.Contains("C0123ABCD", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Real_channel_ids_are_kept()
    {
        var (course, diagnostics) = Read(Course(discord: "\"1234567890123456789\", 987654321098765432", slack: "C0123ABCD, G01AB2CD3"));

        Assert.Empty(diagnostics);
        Assert.Equal(["1234567890123456789", "987654321098765432"], course!.Channels.Discord.ToArray());
        Assert.Equal(["C0123ABCD", "G01AB2CD3"], course.Channels.Slack.ToArray());
    }

    [Theory]
    [InlineData("\"99999999999999d\"")]  // overflowed TimeSpan and crashed the reader
    [InlineData("\"30d\"")]              // before the week's own announcement
    [InlineData("\"12\"")]
    [InlineData("\"0m\"")]
    [InlineData("\"0.2m\"")]             // the reminder's post key counts whole minutes
    [InlineData("\"90s\"")]
    public void A_lead_time_outside_one_minute_to_seven_days_is_an_error(string reminders)
    {
        var (course, diagnostics) = Read(Course(reminders: reminders));

        Assert.Null(course);
        var error = Assert.Single(diagnostics);
        Assert.Equal(8, error.Location.Line);
        Assert.Contains(reminders, error.Message, StringComparison.Ordinal);
        Assert.Equal("write e.g. \"3h\", \"90m\" or \"1d\"", error.Hint);
    }

    [Fact]
    public void A_repeated_lead_time_is_a_warning_and_gives_one_reminder()
    {
        var (course, diagnostics) = Read(Course(reminders: "\"3h\", \"180m\", \"1d\""));

        var warning = Assert.Single(diagnostics);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Contains("\"180m\" is listed twice", warning.Message, StringComparison.Ordinal);
        Assert.Equal([TimeSpan.FromHours(3), TimeSpan.FromDays(1)], course!.ReminderLeadTimes.ToArray());
    }

    [Theory]
    [InlineData("9999-12-31", "lastDay 9999-12-31 is not between 1970 and 2125")]
    [InlineData("2027-01-04", "lastDay 2027-01-04 is 72 weeks after firstMonday 2025-08-25; a term has at most 60 weeks")]
    public void A_last_day_the_calendar_cannot_reach_is_an_error(string lastDay, string message)
    {
        var (course, diagnostics) = Read(Course(lastDay: lastDay));

        Assert.Null(course);
        var error = Assert.Single(diagnostics);
        Assert.Equal(new SourceLocation("c.yaml", 5, 10), error.Location);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_first_monday_before_1970_is_an_error()
    {
        var (course, diagnostics) = Read(Course().Replace("firstMonday: 2025-08-25", "firstMonday: 0001-01-01", StringComparison.Ordinal).Replace("lastDay: 2025-12-04", "lastDay: 0001-03-01", StringComparison.Ordinal));

        Assert.Null(course);
        Assert.Contains(diagnostics, d => d.Location.Line == 4 && d.Message == "firstMonday 0001-01-01 is not between 1970 and 2125");
    }
}
