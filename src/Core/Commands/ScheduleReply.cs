using CourseBot.Core.Calendar;
using CourseBot.Core.Replies;

namespace CourseBot.Core.Commands;

/// <summary>/schedule: every week of the term with its dates and topic, holidays marked, this week highlighted.</summary>
public static class ScheduleReply
{
    /// <param name="names">How the asking platform spells its commands; the slash-per-command spelling when null.</param>
    public static Reply Create(CourseSnapshot course, DateTimeOffset now, CommandNames? names = null)
    {
        var current = course.Calendar.Locate(now) is TermPosition.InTerm inTerm ? inTerm.Week : null;
        var rows = course.Calendar.Weeks
            .Select(week => new ScheduleRow(
                week.Number is { } n ? $"Week {n}" : "—",
                week.Start,
                week.End,
                week.IsHoliday ? $"{week.Holiday} (no class)" : week.Title ?? "No readings",
                week.IsHoliday,
                week == current))
            .ToArray();
        var name = course.Course.Term is { } term ? $"{course.Course.Name} · {term}" : course.Course.Name;
        var subscribe = new ReplyBlock.Paragraph(new Span.Text($"Put the term in your calendar app: {(names ?? CommandNames.Default).Calendar}"));
        return new Reply($"Schedule · {name}", [new ReplyBlock.Schedule(rows), subscribe], course.TimeZone);
    }
}
