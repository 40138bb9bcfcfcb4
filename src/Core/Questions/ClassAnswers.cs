using CourseBot.Core.Calendar;
using CourseBot.Core.Commands;
using CourseBot.Core.ReadingList;
using CourseBot.Core.Replies;

namespace CourseBot.Core.Questions;

/// <summary>
/// Answers about one class meeting rather than a whole week: "what are we reading for Thursday",
/// "papers for the next class", "which class discusses AReaL" — from which class discusses which paper.
/// </summary>
internal static class ClassAnswers
{
    /// <summary>The class meeting on a day (in the course's time zone), if there is one.</summary>
    public static ClassMeeting? On(CourseSnapshot course, DateOnly day) =>
        course.Calendar.Weeks.SelectMany(w => w.Meetings).FirstOrDefault(m => DateOnly.FromDateTime(course.Calendar.ToLocal(m.Start).DateTime) == day);

    /// <summary>The papers of the class on <paramref name="day"/>; null when no class that day discusses any.</summary>
    public static Reply? Papers(CourseSnapshot course, CourseWeek week, DateOnly day, PaperScope scope)
    {
        if (On(course, day) is not { Readings.Count: > 0 } meeting)
        {
            return null;
        }

        var shown = scope switch
        {
            PaperScope.Required => meeting.Readings.Where(r => r.IsRequired).ToArray(),
            PaperScope.Optional => meeting.Readings.Where(r => !r.IsRequired).ToArray(),
            _ => meeting.Readings,
        };
        var blocks = new List<ReplyBlock>
        {
            new ReplyBlock.Paragraph(
                new Span.Text("Class "),
                new Span.Moment(meeting.Start, MomentStyle.DateTime),
                new Span.Text($" discusses {WeekReplies.ClassPapers(meeting)}.")),
        };
        if (meeting.ResponseDue is { } due)
        {
            blocks.Add(new ReplyBlock.Paragraph(new Span.Text("Reading response due "), new Span.Moment(due, MomentStyle.DateTime), new Span.Text(".")));
        }

        blocks.AddRange(WeekReplies.PaperBlocks(shown, requiredOnly: false));
        if (shown.Count == 0)
        {
            blocks.Add(new ReplyBlock.Paragraph(new Span.Text($"That class has no {(scope == PaperScope.Required ? "required" : "optional")} papers.")));
        }

        return new Reply($"{DayReference.Spoken(day)} · {WeekLabels.Title(week)}", blocks, course.TimeZone);
    }

    /// <summary>"Discussed in class Thu Sep 11, 12:30.": the class that discusses a reading; null when none does.</summary>
    public static ReplyBlock? Discussed(CourseSnapshot course, Reading? reading)
    {
        if (reading is null)
        {
            return null;
        }

        var meetings = course.WeeksOf(reading).SelectMany(w => w.Meetings).Where(m => m.Readings.Contains(reading)).ToArray();
        if (meetings.Length == 0)
        {
            return null;
        }

        var spans = new List<Span> { new Span.Text("Discussed in class ") };
        foreach (var meeting in meetings)
        {
            if (spans.Count > 1)
            {
                spans.Add(new Span.Text(" and "));
            }

            spans.Add(new Span.Moment(meeting.Start, MomentStyle.DateTime));
        }

        spans.Add(new Span.Text("."));
        return new ReplyBlock.Paragraph(spans);
    }
}
