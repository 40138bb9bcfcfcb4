using CourseBot.Core.Replies;

namespace CourseBot.Core.Commands;

/// <summary>
/// The pinned term schedule (<c>channels.pinSchedule</c>): what <c>/schedule</c> shows, without "this week"
/// (a pinned message is edited only when the course changes, so a marker would go stale), and a line saying
/// that it is kept current.
/// </summary>
public static class PinnedScheduleReply
{
    public static Reply Create(CourseSnapshot course)
    {
        // As /schedule answers before the term (no term starts before 1970): no week marked current.
        var schedule = ScheduleReply.Create(course, DateTimeOffset.UnixEpoch);
        return schedule with
        {
            Blocks = [.. schedule.Blocks, new ReplyBlock.Paragraph(new Span.Text("Kept current when the schedule changes. /schedule marks this week; /reading shows its papers."))],
        };
    }
}
