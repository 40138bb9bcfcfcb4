using CourseBot.Core.Calendar;
using CourseBot.Core.Leads;
using CourseBot.Core.Replies;

namespace CourseBot.Core.Commands;

/// <summary>The weekly announcement and the reading-response reminders, composed from the calendar.</summary>
public static class Announcements
{
    /// <summary>The announcement for a week, or null when that week posts nothing (a holiday without a notice, a week with nothing planned).</summary>
    public static Reply? Weekly(CourseSnapshot course, CourseWeek week)
    {
        if (week.IsHoliday)
        {
            return course.Course.HolidayNotice is { } notice
                ? new Reply($"{week.Holiday} · {WeekLabels.Dates(week)}", [new ReplyBlock.Paragraph(new Span.Text(notice))], course.TimeZone)
                : null;
        }

        if (!week.HasReadings)
        {
            return null;
        }

        var announcement = WeekReplies.Week(course, week, title: $"📚 {WeekLabels.Title(week)}");
        return LeadCatalog.For(course) is { } leads && leads.InWeek(week.Start).Count > 0
            ? announcement with { Blocks = [.. announcement.Blocks, LeadButton(week.Start)] }
            : announcement;
    }

    /// <summary>"/lead-menu &lt;Monday&gt;": the menu of the week's papers with a free slot, for whoever clicks.</summary>
    public static ReplyBlock.Actions LeadButton(DateOnly weekStart) =>
        new(new ReplyAction.Button("Lead a paper", $"/lead-menu {weekStart:yyyy-MM-dd}"));

    /// <summary>A reminder that a reading response is due for a class meeting, naming that class's papers.</summary>
    public static Reply Reminder(CourseSnapshot course, CourseWeek week, ClassMeeting meeting)
    {
        var blocks = new List<ReplyBlock>
        {
            new ReplyBlock.Paragraph(
                new Span.Text("Reading responses for the class on "),
                new Span.Moment(meeting.Start, MomentStyle.DateTime),
                new Span.Text($" ({WeekReplies.ClassPapers(meeting)}) are due "),
                new Span.Moment(meeting.ResponseDue ?? meeting.Start, MomentStyle.DateTime),
                new Span.Text(".")),
        };
        if (course.Course.Leads is { ExemptFromResponses: true } && Leads.LeadCatalog.For(course)!.Papers.Any(p => p.Class.Start == meeting.Start))
        {
            // Posted in the course channel, so nobody is left out of it: the exemption is said instead.
            blocks.Add(new ReplyBlock.Paragraph(new Span.Text("(leads of this class are exempt)")));
        }

        blocks.AddRange(WeekReplies.PaperBlocks(meeting.Readings, requiredOnly: false));
        return new Reply($"⏰ Reminder · {WeekLabels.Title(week)}", blocks, course.TimeZone);
    }

    /// <summary>What /announce preview shows: the announcement as it would be posted.</summary>
    public static Reply Preview(CourseSnapshot course, WeekQuery? query, DateTimeOffset now)
    {
        var answer = WeekResolver.Resolve(query, course.Calendar, now);
        if (answer is not WeekAnswer.Found found)
        {
            return WeekReplies.Answer(course, answer, requiredOnly: false);
        }

        return Weekly(course, found.Week)
            ?? Reply.Problem($"Nothing to post for {WeekLabels.Title(found.Week)}", "That week has no readings, so no announcement goes out.", course.TimeZone);
    }
}
