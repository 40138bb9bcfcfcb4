using CourseBot.Core.Commands;
using CourseBot.Core.Replies;

namespace CourseBot.Core.Tests.Commands;

public sealed class WeekWithoutReadingsTests
{
    [Fact]
    public void A_week_with_no_readings_names_its_classes_but_no_response_deadlines()
    {
        // The real reading list runs out before week 13 (Nov 17–23), which still meets.
        var course = SampleCourse.Snapshot();
        var week = course.Calendar.Week(13)!;
        Assert.False(week.HasReadings);
        Assert.NotEmpty(week.Meetings);

        var text = PlainTextRenderer.Render(WeekReplies.Week(course, week));

        Assert.Contains("No readings are assigned this week.", text, StringComparison.Ordinal);
        Assert.Contains("Class: ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Reading responses due", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_week_with_readings_still_names_its_response_deadlines()
    {
        var course = SampleCourse.Snapshot();

        var text = PlainTextRenderer.Render(WeekReplies.Week(course, course.Calendar.Week(4)!));

        Assert.Contains("Reading responses due: Mon Sep 15", text, StringComparison.Ordinal);
    }
}
