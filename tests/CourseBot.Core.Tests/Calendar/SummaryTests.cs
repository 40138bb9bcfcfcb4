namespace CourseBot.Core.Tests.Calendar;

/// <summary>validate's one-line summary counts weeks the way /schedule numbers them (it said 15 where /schedule showed 14).</summary>
public sealed class SummaryTests
{
    [Fact]
    public void The_sample_course_has_14_numbered_weeks_and_thanksgiving_apart()
    {
        var course = SampleCourse.Snapshot();

        Assert.Equal("9 topics, 50 readings, 14 weeks plus 1 unnumbered holiday week", course.Summary);
        Assert.Equal(14, course.Calendar.Weeks.Max(w => w.Number));
    }

    [Fact]
    public void Numbered_holiday_weeks_count_as_weeks()
    {
        var course = SampleCourse.Snapshot(c => c with { NumberHolidayWeeks = true });

        Assert.Equal("9 topics, 50 readings, 15 weeks", course.Summary);
        Assert.Equal(15, course.Calendar.Weeks.Max(w => w.Number));
    }
}
