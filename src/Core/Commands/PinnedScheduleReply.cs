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
        var schedule = ScheduleReply.Create(course, DateTimeOffset.UnixEpoch);
        var blocks = schedule.Blocks
            .Select(block => block is ReplyBlock.Schedule s ? new ReplyBlock.Schedule([.. s.Rows.Select(r => r with { IsCurrent = false })]) : block)
            .Append(new ReplyBlock.Paragraph(new Span.Text("Kept current when the schedule changes. /schedule marks this week; /reading shows its papers.")))
            .ToArray();
        return schedule with { Blocks = blocks };
    }
}
