using System.Globalization;
using CourseBot.Core.Calendar;
using CourseBot.Core.Commands;
using CourseBot.Core.Questions;

namespace CourseBot.Core.Tests.Questions;

/// <summary>
/// The question set (questions.txt): plain questions as students write them, each with the answer it
/// must get at a fixed moment of the term. One test per question, and one for the share answered right.
/// </summary>
public sealed class QuestionSetTests
{
    // Like config/cs395t.yaml, the course signs up discussion leads.
    private static readonly CourseSnapshot Course = SampleCourse.Snapshot(d => d with { Leads = new CourseBot.Core.Leads.LeadsPolicy() });

    [Fact]
    public void A_course_without_sign_ups_says_it_has_no_leads_instead_of_showing_a_roster()
    {
        var noLeads = SampleCourse.Snapshot();
        var now = SampleCourse.At(2025, 9, 10, 10);

        var reading = QuestionReader.Read("who leads HybridFlow", noLeads, now);

        Assert.Equal(QuestionKind.Leads, reading.Kind);
        Assert.Null(reading.Command);
        Assert.Contains("no discussion-lead sign-ups", CourseBot.Core.Replies.PlainTextRenderer.Render(QuestionReplies.Answer(reading, noLeads, now)), StringComparison.Ordinal);
    }

    public static TheoryData<int, string, string, string> Questions()
    {
        var data = new TheoryData<int, string, string, string>();
        foreach (var row in Rows())
        {
            data.Add(row.Line, row.Moment, row.Question, row.Expected);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Questions))]
    public void Question_gets_its_answer(int line, string moment, string question, string expected)
    {
        var reading = QuestionReader.Read(question, Course, At(moment));
        Assert.True(Matches(reading, expected, At(moment)), $"questions.txt:{line}: \"{question}\" at {moment} should be \"{expected}\", was {Describe(reading)}");
    }

    [Fact]
    public void At_least_95_percent_of_the_set_is_answered_right()
    {
        var rows = Rows().ToArray();
        var wrong = rows.Where(r => !Matches(QuestionReader.Read(r.Question, Course, At(r.Moment)), r.Expected, At(r.Moment))).ToArray();
        var share = 1.0 - (double)wrong.Length / rows.Length;
        Assert.True(rows.Length >= 150, $"the set has {rows.Length} questions; it should have at least 150");
        Assert.True(share >= 0.95, $"{share:P1} of {rows.Length} answered right; wrong: {string.Join("; ", wrong.Select(w => $"{w.Line}: {w.Question}"))}");
    }

    private static bool Matches(QuestionReading reading, string expected, DateTimeOffset now)
    {
        var parts = expected.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var argument = parts.Length > 1 ? parts[1] : null;
        return parts[0] switch
        {
            "all" => WeekPapers(reading, PaperScope.All, argument, parts.ElementAtOrDefault(2)),
            "required" => WeekPapers(reading, PaperScope.Required, argument, parts.ElementAtOrDefault(2)),
            "optional" => WeekPapers(reading, PaperScope.Optional, argument, parts.ElementAtOrDefault(2)),
            "topic" => reading.Kind == QuestionKind.WeekTopic && IsWeek(reading.Week, argument),
            "due-next" => reading.Kind == QuestionKind.NextDeadline,
            "due-week" => reading.Kind == QuestionKind.WeekDeadlines && IsWeek(reading.Week, argument),
            "due-day" => reading.Kind == QuestionKind.DayDeadlines && reading.Day == Day(argument!),
            "when" => IsPaper(reading, QuestionKind.PaperWhen, argument!),
            "required?" => IsPaper(reading, QuestionKind.PaperRequired, argument!),
            "authors" => IsPaper(reading, QuestionKind.PaperAuthors, argument!),
            "venue" => IsPaper(reading, QuestionKind.PaperVenue, argument!),
            "link" => IsPaper(reading, QuestionKind.PaperLink, argument!),
            "paper-topic" => IsPaper(reading, QuestionKind.PaperTopic, argument!),
            "paper" => IsPaper(reading, QuestionKind.PaperDetails, argument!),
            "not-listed" => reading.Kind == QuestionKind.PaperNotFound,
            "class" => reading.Kind == QuestionKind.ClassOnDay && reading.Day == Day(argument!),
            "class-times" => reading.Kind == QuestionKind.ClassTimes,
            "holidays" => reading.Kind == QuestionKind.Holidays,
            "schedule" => reading.Kind == QuestionKind.Schedule,
            "leads" => reading.Kind == QuestionKind.Leads && argument switch
            {
                null => reading.Command is CourseCommand.Leads { Week: null, Mine: false },
                "mine" => reading.Command is CourseCommand.Leads { Mine: true },
                "menu" => reading.Command is CourseCommand.Lead { Paper: null, Drop: false },
                _ => reading.Command is CourseCommand.Leads { Week: WeekQuery.Numbered { Number: var n } } && n.ToString(System.Globalization.CultureInfo.InvariantCulture) == argument,
            },
            "help" => reading.Kind == QuestionKind.Help || reading.Command is CourseCommand.Help,
            "asks-back" => reading.Kind == QuestionKind.AskBack && reading.Choices.Count >= 2,
            "none" => reading.Kind == QuestionKind.NotUnderstood,
            "class-papers" => ClassPapers(reading, Day(argument!), parts[2], now),
            "class-of" => IsPaper(reading, QuestionKind.PaperWhen, argument!) && Answer(reading, now).Contains($"Discussed in class {Day(parts[2]):ddd MMM d}, ", StringComparison.Ordinal),
            _ => throw new ArgumentException($"unknown expected answer \"{expected}\""),
        };
    }

    /// <summary>The answer lists exactly the papers of the class on <paramref name="day"/>.</summary>
    private static bool ClassPapers(QuestionReading reading, DateOnly day, string keys, DateTimeOffset now) =>
        reading.Kind is QuestionKind.WeekPapers or QuestionKind.WeekTopic && reading.Day == day
        && QuestionReplies.Answer(reading, Course, now).PaperItems.Select(p => p.Paper.Key).SequenceEqual(keys.Split(','));

    private static string Answer(QuestionReading reading, DateTimeOffset now) =>
        CourseBot.Core.Replies.PlainTextRenderer.Render(QuestionReplies.Answer(reading, Course, now));

    private static bool WeekPapers(QuestionReading reading, PaperScope scope, string? week, string? day) =>
        reading.Kind == QuestionKind.WeekPapers && reading.Scope == scope && IsWeek(reading.Week, week) && (day is null || reading.Day == Day(day));

    private static bool IsWeek(WeekAnswer? answer, string? week) => (answer, week) switch
    {
        (WeekAnswer.Found found, "break") => found.Week.Holiday == "Thanksgiving break",
        (WeekAnswer.Found found, _) => found.Week.Number?.ToString(CultureInfo.InvariantCulture) == week,
        (WeekAnswer.BeforeTerm, "before") => true,
        (WeekAnswer.AfterTerm, "after") => true,
        (WeekAnswer.NotFound, "missing") => true,
        _ => false,
    };

    /// <summary>Papers by key; the Llama 3 entry, written inline on the page, has no key and goes by its title.</summary>
    private static bool IsPaper(QuestionReading reading, QuestionKind kind, string key) =>
        reading.Kind == kind && reading.Paper is { } match
        && (match.Paper.Key == key || (key == "llama" && match.Paper.Title == "The Llama 3 Herd of Models"));

    private static string Describe(QuestionReading reading) =>
        $"{reading.Kind} (read as \"{reading.ReadAs}\"; week {reading.Week}; scope {reading.Scope}; day {reading.Day}; paper {reading.Paper?.Paper.Key}; choices {string.Join(", ", reading.Choices)})";

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateTimeOffset At(string moment) => moment switch
    {
        "pre" => SampleCourse.At(2025, 8, 20, 10),
        "w1" => SampleCourse.At(2025, 8, 26, 9),
        "w3" => SampleCourse.At(2025, 9, 10, 10),
        "tue3" => SampleCourse.At(2025, 9, 9, 9),
        "mid" => SampleCourse.At(2025, 10, 8, 10),
        "thx" => SampleCourse.At(2025, 11, 20, 10),
        "brk" => SampleCourse.At(2025, 11, 25, 10),
        "after" => SampleCourse.At(2025, 12, 20, 10),
        _ => throw new ArgumentException($"unknown moment \"{moment}\""),
    };

    private static IEnumerable<(int Line, string Moment, string Question, string Expected)> Rows()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Questions", "questions.txt"));
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            if (cells.Length != 3)
            {
                throw new FormatException($"questions.txt:{i + 1}: expected \"moment | question | answer\", found \"{line}\"");
            }

            yield return (i + 1, cells[0], cells[1], cells[2]);
        }
    }
}
