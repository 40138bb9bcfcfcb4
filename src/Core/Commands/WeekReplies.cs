using CourseBot.Core.Calendar;
using CourseBot.Core.ReadingList;
using CourseBot.Core.Replies;

namespace CourseBot.Core.Commands;

/// <summary>Replies about one week: /reading, /required, and the weekly announcement share this layout.</summary>
public static class WeekReplies
{
    /// <summary>The week's topic, dates, meetings, deadlines, and its papers (required first, then optional by focus).</summary>
    public static Reply Week(CourseSnapshot course, CourseWeek week, bool requiredOnly = false, string? title = null)
    {
        var zone = course.TimeZone;
        if (week.IsHoliday)
        {
            return new Reply(title ?? WeekLabels.Title(week), [Dates(week), .. HolidayLines(course, week)], zone);
        }

        var blocks = new List<ReplyBlock> { Dates(week) };
        blocks.AddRange(MeetingLines(week));
        if (!week.HasReadings)
        {
            blocks.Add(new ReplyBlock.Paragraph(new Span.Text("No readings are assigned this week.")));
            return new Reply(title ?? WeekLabels.Title(week), blocks, zone);
        }

        if (ClassLine(week) is { } classes)
        {
            blocks.Add(classes);
        }

        blocks.AddRange(PaperBlocks(week, requiredOnly));
        if (requiredOnly)
        {
            var optional = week.Readings.Count(r => !r.IsRequired);
            if (optional > 0)
            {
                var ask = week.Number is { } n ? $"/reading week {n}" : "/reading";
                blocks.Add(new ReplyBlock.Paragraph(new Span.Text($"Plus {optional} optional paper{(optional == 1 ? "" : "s")}: ask {ask}.")));
            }
        }

        return new Reply(title ?? WeekLabels.Title(week), blocks, zone);
    }

    public static Reply Answer(CourseSnapshot course, WeekAnswer answer, bool requiredOnly) => answer switch
    {
        WeekAnswer.Found found => Week(course, found.Week, requiredOnly),
        WeekAnswer.BeforeTerm before => new Reply(
            "The term has not started yet",
            [new ReplyBlock.Paragraph(
                new Span.Text($"{WeekLabels.Label(before.FirstWeek)} starts "),
                new Span.Moment(course.Calendar.LocalToInstant(before.FirstWeek.Start, TimeOnly.MinValue), MomentStyle.Date),
                new Span.Text(before.FirstWeek.Title is { } t ? $" with {t}. " : ". "),
                new Span.Text($"Ask /reading week {before.FirstWeek.Number ?? 1} to see its papers."))],
            course.TimeZone),
        WeekAnswer.AfterTerm after => new Reply(
            "The term is over",
            [new ReplyBlock.Paragraph(
                new Span.Text($"The last week ({WeekLabels.Label(after.LastWeek)}, {WeekLabels.Dates(after.LastWeek)}) has ended. "),
                new Span.Text("Ask /schedule to look back at any week."))],
            course.TimeZone),
        WeekAnswer.NotFound notFound => Reply.Problem("No such week", notFound.Message, course.TimeZone),
        _ => throw new ArgumentOutOfRangeException(nameof(answer)),
    };

    /// <summary>
    /// Which class discusses which paper, e.g. "Tue Sep 9: HybridFlow, Stage Fusion · Thu Sep 11: AReaL,
    /// Asynchronous RLHF"; null when the week has no papers or no class meetings.
    /// </summary>
    public static ReplyBlock.Paragraph? ClassLine(CourseWeek week)
    {
        if (!week.HasReadings || week.Meetings.Count == 0)
        {
            return null;
        }

        var spans = new List<Span>();
        foreach (var meeting in week.Meetings)
        {
            if (spans.Count > 0)
            {
                spans.Add(new Span.Text(" · "));
            }

            spans.Add(new Span.Moment(meeting.Start, MomentStyle.Date));
            spans.Add(new Span.Text(": " + ClassPapers(meeting)));
        }

        return new ReplyBlock.Paragraph(spans);
    }

    /// <summary>A class's papers by short name, "HybridFlow, Stage Fusion" (or "no papers").</summary>
    public static string ClassPapers(ClassMeeting meeting) =>
        meeting.Readings.Count == 0 ? "no papers" : string.Join(", ", meeting.Readings.Select(r => PaperNames.ShortName(r.Paper)));

    /// <summary>Required papers, then optional ones grouped under the focus they follow up on.</summary>
    public static IEnumerable<ReplyBlock> PaperBlocks(CourseWeek week, bool requiredOnly) => PaperBlocks(week.Readings, requiredOnly);

    /// <summary>Required papers, then optional ones grouped under the focus they follow up on.</summary>
    public static IEnumerable<ReplyBlock> PaperBlocks(IReadOnlyList<Reading> readings, bool requiredOnly)
    {
        var required = readings.Where(r => r.IsRequired).Select(r => PaperItem.From(r)).ToArray();
        if (required.Length > 0)
        {
            yield return new ReplyBlock.Papers("Required", required);
        }

        if (requiredOnly)
        {
            yield break;
        }

        foreach (var group in readings.Where(r => !r.IsRequired).GroupBy(r => r.Focus))
        {
            var heading = group.Key is { Length: > 0 } focus ? $"Optional · {focus}" : "Optional";
            yield return new ReplyBlock.Papers(heading, group.Select(r => PaperItem.From(r)).ToArray());
        }
    }

    private static ReplyBlock Dates(CourseWeek week) =>
        new ReplyBlock.Paragraph(new Span.Text(WeekLabels.Dates(week)));

    private static IEnumerable<ReplyBlock> MeetingLines(CourseWeek week)
    {
        if (week.Meetings.Count > 0)
        {
            yield return Joined("Class: ", week.Meetings.Select(m => m.Start));
        }

        // Responses are about a class's papers: a class that discusses none has none due.
        var due = week.Meetings.Where(m => m.ResponseDue is not null && m.Readings.Count > 0).Select(m => m.ResponseDue!.Value).ToArray();
        if (due.Length > 0)
        {
            yield return Joined("Reading responses due: ", due);
        }
    }

    private static ReplyBlock.Paragraph Joined(string label, IEnumerable<DateTimeOffset> moments)
    {
        var spans = new List<Span> { new Span.Text(label) };
        foreach (var moment in moments)
        {
            if (spans.Count > 1)
            {
                spans.Add(new Span.Text(" · "));
            }

            spans.Add(new Span.Moment(moment, MomentStyle.DateTime));
        }

        return new ReplyBlock.Paragraph(spans);
    }

    private static IEnumerable<ReplyBlock> HolidayLines(CourseSnapshot course, CourseWeek week)
    {
        yield return new ReplyBlock.Paragraph(new Span.Text($"{week.Holiday}: no class and no readings this week."));
        var next = course.Calendar.Weeks.SkipWhile(w => w != week).Skip(1).FirstOrDefault(w => !w.IsHoliday);
        if (next is not null)
        {
            yield return new ReplyBlock.Paragraph(new Span.Text($"Next up: {WeekLabels.Title(next)} ({WeekLabels.Dates(next)})."));
        }
    }
}
