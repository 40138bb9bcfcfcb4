using CourseBot.Core.Commands;
using CourseBot.Core.Replies;

namespace CourseBot.Core.Tests.Replies;

/// <summary>The pinned term schedule: the whole term as /schedule shows it, with no "this week" to go stale.</summary>
public sealed class PinnedScheduleReplyTests
{
    [Fact]
    public void The_pinned_schedule_lists_every_week_of_the_sample_term_with_the_holiday_and_marks_no_week_current()
    {
        var reply = PinnedScheduleReply.Create(SampleCourse.Snapshot());

        Assert.Equal("Schedule · CS 395T: Advanced Topics in Systems and GenAI · Fall 2025", reply.Title);
        var rows = Assert.Single(reply.Blocks.OfType<ReplyBlock.Schedule>()).Rows;
        Assert.Equal(15, rows.Count); // Aug 25 to Dec 4: fifteen weeks, Thanksgiving among them
        Assert.Equal(new DateOnly(2025, 8, 25), rows[0].Start);
        Assert.Equal("Week 1", rows[0].Label);
        Assert.Equal(new DateOnly(2025, 12, 1), rows[^1].Start);
        var holiday = Assert.Single(rows, r => r.IsHoliday);
        Assert.Equal(new DateOnly(2025, 11, 24), holiday.Start);
        Assert.Contains("Thanksgiving break", holiday.Title, StringComparison.Ordinal);
        Assert.DoesNotContain(rows, r => r.IsCurrent);
        var last = Assert.IsType<ReplyBlock.Paragraph>(reply.Blocks[^1]);
        Assert.Contains("Kept current", PlainTextRenderer.Line(last.Spans, reply.TimeZone), StringComparison.Ordinal);
    }

    [Fact]
    public void Unlike_schedule_during_the_term_it_does_not_depend_on_the_day()
    {
        var course = SampleCourse.Snapshot();

        var answer = ScheduleReply.Create(course, SampleCourse.At(2025, 9, 10));

        Assert.Contains(Assert.Single(answer.Blocks.OfType<ReplyBlock.Schedule>()).Rows, r => r.IsCurrent);
        Assert.DoesNotContain(Assert.Single(PinnedScheduleReply.Create(course).Blocks.OfType<ReplyBlock.Schedule>()).Rows, r => r.IsCurrent);
        Assert.DoesNotContain("→", PlainTextRenderer.Render(PinnedScheduleReply.Create(course)), StringComparison.Ordinal);
    }
}
