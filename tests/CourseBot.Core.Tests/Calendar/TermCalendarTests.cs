using CourseBot.Core.Calendar;

namespace CourseBot.Core.Tests.Calendar;

public sealed class TermCalendarTests
{
    private readonly TermCalendar _calendar = SampleCourse.Snapshot().Calendar;

    [Fact]
    public void Default_plan_gives_one_topic_per_week_in_reading_list_order()
    {
        Assert.Equal("Introduction", _calendar.Week(1)!.Title);
        Assert.Equal("Scaling LLM Pre-Training", _calendar.Week(2)!.Title);
        Assert.Equal("LLM Post-Training for Alignment", _calendar.Week(3)!.Title);
        Assert.Equal("Mixture-of-Experts", _calendar.Week(5)!.Title);
        // Part 3 has its papers directly under the part: that topic is named after the part.
        var week9 = _calendar.Week(9)!;
        Assert.Equal("GenAI for Systems", week9.Title);
        Assert.Equal(6, week9.Readings.Count);
        Assert.Null(week9.Topics.Single().Heading);
    }

    [Fact]
    public void Weeks_run_monday_to_sunday_from_the_first_monday()
    {
        var week3 = _calendar.Week(3)!;
        Assert.Equal(new DateOnly(2025, 9, 8), week3.Start);
        Assert.Equal(new DateOnly(2025, 9, 14), week3.End);
    }

    [Fact]
    public void Thanksgiving_week_is_an_unnumbered_holiday_and_numbering_continues_after_it()
    {
        // Aug 25 + 13 weeks = Nov 24: the 14th calendar week is the holiday.
        var holiday = _calendar.Weeks[13];
        Assert.Equal(new DateOnly(2025, 11, 24), holiday.Start);
        Assert.True(holiday.IsHoliday);
        Assert.Null(holiday.Number);
        Assert.Empty(holiday.Meetings);
        Assert.Equal(new DateOnly(2025, 12, 1), _calendar.Week(14)!.Start);
        Assert.Null(_calendar.Week(15));
    }

    [Fact]
    public void Numbering_holiday_weeks_is_a_choice()
    {
        var calendar = SampleCourse.Snapshot(d => d with { NumberHolidayWeeks = true }).Calendar;

        Assert.Equal(14, calendar.Weeks[13].Number);
        Assert.True(calendar.Week(14)!.IsHoliday);
        Assert.Equal(new DateOnly(2025, 12, 1), calendar.Week(15)!.Start);
    }

    [Fact]
    public void Weeks_after_the_last_topic_have_no_readings_until_the_last_day()
    {
        var week10 = _calendar.Week(10)!;
        Assert.Null(week10.Title);
        Assert.Empty(week10.Readings);
        Assert.Equal(2, week10.Meetings.Count);
        // lastDay is Thursday Dec 4: the last week is the one of Dec 1.
        Assert.Equal(new DateOnly(2025, 12, 7), _calendar.Weeks[^1].End);
    }

    [Fact]
    public void Without_a_last_day_the_term_ends_with_the_last_planned_week()
    {
        var calendar = SampleCourse.Snapshot(d => d with { LastDay = null }).Calendar;

        Assert.Equal(9, calendar.Weeks.Count);
        Assert.Equal(9, calendar.Weeks[^1].Number);
    }

    [Fact]
    public void Class_meetings_carry_their_local_times_and_utc_offsets_across_the_dst_change()
    {
        // Oct 28 is still daylight time (UTC-5); Nov 4 is standard time (UTC-6), after Nov 2.
        var before = _calendar.Locate(SampleCourse.At(2025, 10, 28)) is TermPosition.InTerm b ? b.Week : null;
        var after = _calendar.Locate(SampleCourse.At(2025, 11, 4)) is TermPosition.InTerm a ? a.Week : null;

        Assert.Equal(new DateTimeOffset(2025, 10, 28, 17, 30, 0, TimeSpan.Zero), before!.Meetings[0].Start.ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2025, 11, 4, 18, 30, 0, TimeSpan.Zero), after!.Meetings[0].Start.ToUniversalTime());
        Assert.Equal(TimeSpan.FromHours(-5), before.Meetings[0].Start.Offset);
        Assert.Equal(TimeSpan.FromHours(-6), after.Meetings[0].Start.Offset);
    }

    [Fact]
    public void Response_deadlines_are_18_00_the_day_before_each_class()
    {
        var week3 = _calendar.Week(3)!;

        Assert.Equal(new DateTimeOffset(2025, 9, 8, 18, 0, 0, TimeSpan.FromHours(-5)), week3.Meetings[0].ResponseDue);
        Assert.Equal(new DateTimeOffset(2025, 9, 10, 18, 0, 0, TimeSpan.FromHours(-5)), week3.Meetings[1].ResponseDue);
    }

    [Theory]
    [InlineData(2025, 8, 24, 23, 59, "before")]
    [InlineData(2025, 8, 25, 0, 0, "1")]
    [InlineData(2025, 8, 31, 23, 30, "1")]
    [InlineData(2025, 9, 1, 0, 0, "2")]
    [InlineData(2025, 11, 2, 1, 30, "10")]
    [InlineData(2025, 11, 26, 12, 0, "holiday")]
    [InlineData(2025, 12, 7, 23, 59, "14")]
    [InlineData(2025, 12, 8, 0, 0, "after")]
    public void Locate_judges_by_the_date_in_chicago(int year, int month, int day, int hour, int minute, string expected)
    {
        var position = _calendar.Locate(SampleCourse.At(year, month, day, hour, minute));

        var actual = position switch
        {
            TermPosition.BeforeTerm => "before",
            TermPosition.AfterTerm => "after",
            TermPosition.InTerm { Week.IsHoliday: true } => "holiday",
            TermPosition.InTerm inTerm => inTerm.Week.Number!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => "?",
        };
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Sunday_night_in_chicago_is_still_the_old_week_although_utc_is_monday()
    {
        var sundayNight = new DateTimeOffset(2025, 9, 8, 3, 30, 0, TimeSpan.Zero); // Sun Sep 7, 22:30 CDT

        var week = Assert.IsType<TermPosition.InTerm>(_calendar.Locate(sundayNight)).Week;

        Assert.Equal(2, week.Number);
    }

    [Fact]
    public void A_single_holiday_day_cancels_that_class_but_not_the_week()
    {
        var calendar = SampleCourse.Snapshot(d => d with { Holidays = [new Holiday("Labor Day", new DateOnly(2025, 9, 2), new DateOnly(2025, 9, 2))] }).Calendar;

        var week2 = calendar.Week(2)!;
        Assert.False(week2.IsHoliday);
        Assert.Equal("Scaling LLM Pre-Training", week2.Title);
        Assert.Single(week2.Meetings);
        Assert.Equal(DayOfWeek.Thursday, week2.Meetings[0].Start.DayOfWeek);
    }

    [Fact]
    public void Local_times_in_the_dst_gap_move_forward_and_repeated_times_take_the_first()
    {
        // 2026-03-08 02:30 does not exist in Chicago; 2025-11-02 01:30 happens twice.
        var gap = TermCalendar.LocalToInstant(SampleCourse.Chicago, new DateOnly(2026, 3, 8), new TimeOnly(2, 30));
        var overlap = TermCalendar.LocalToInstant(SampleCourse.Chicago, new DateOnly(2025, 11, 2), new TimeOnly(1, 30));

        Assert.Equal(new DateTimeOffset(2026, 3, 8, 8, 30, 0, TimeSpan.Zero), gap.ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2025, 11, 2, 6, 30, 0, TimeSpan.Zero), overlap.ToUniversalTime());
    }
}
