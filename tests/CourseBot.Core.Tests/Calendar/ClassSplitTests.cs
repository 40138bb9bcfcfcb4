using CourseBot.Core.Calendar;

namespace CourseBot.Core.Tests.Calendar;

/// <summary>Which class discusses which paper by default: the week's readings in page order, split evenly, extra ones first.</summary>
public sealed class ClassSplitTests
{
    private static string[] Keys(ClassMeeting meeting) => meeting.Readings.Select(r => r.Key ?? r.Title!).ToArray();

    [Fact]
    public void Week_3_discusses_hybridflow_and_stage_fusion_on_tuesday_and_areal_and_async_rlhf_on_thursday()
    {
        var week3 = SampleCourse.Snapshot().Calendar.Week(3)!;

        Assert.Equal(new DateOnly(2025, 9, 9), DateOnly.FromDateTime(week3.Meetings[0].Start.DateTime));
        Assert.Equal(["hybridflow-eurosys25", "rlhfuse-nsdi25"], Keys(week3.Meetings[0]));
        Assert.Equal(new DateOnly(2025, 9, 11), DateOnly.FromDateTime(week3.Meetings[1].Start.DateTime));
        Assert.Equal(["areal-arxiv25", "asyncrlhf-iclr25"], Keys(week3.Meetings[1]));
    }

    [Fact]
    public void An_odd_count_gives_the_first_class_the_extra_paper()
    {
        var calendar = SampleCourse.Snapshot().Calendar;

        // Week 1 has three readings (the Llama 3 entry is inline, without a key); week 5 (MoE) has seven.
        Assert.Equal(["illtransformer", "The Llama 3 Herd of Models"], Keys(calendar.Week(1)!.Meetings[0]));
        Assert.Equal(["megatron-sc21"], Keys(calendar.Week(1)!.Meetings[1]));
        Assert.Equal([4, 3], calendar.Week(5)!.Meetings.Select(m => m.Readings.Count).ToArray());
        Assert.Equal(["switch-jmlr22", "moe-iclr17", "fsmoe-asplos25", "megablock-mlsys23"], Keys(calendar.Week(5)!.Meetings[0]));
    }

    [Fact]
    public void A_week_with_one_class_discusses_all_its_papers_in_it()
    {
        var calendar = SampleCourse.Snapshot(d => d with { Holidays = [new Holiday("Labor Day", new DateOnly(2025, 9, 2), new DateOnly(2025, 9, 2))] }).Calendar;

        var week2 = calendar.Week(2)!;
        var meeting = Assert.Single(week2.Meetings);
        Assert.Equal(week2.Readings, meeting.Readings);
        Assert.Equal(10, meeting.Readings.Count);
    }

    [Fact]
    public void More_classes_than_papers_leave_the_last_classes_without_papers()
    {
        var week = SampleCourse.Snapshot().Calendar.Week(3)!;
        var meetings = week.Meetings.Select(m => m with { Readings = [] }).ToArray();

        var split = TermCalendar.Split(meetings, week.Readings.Take(1).ToArray());

        Assert.Equal(["hybridflow-eurosys25"], Keys(split[0]));
        Assert.Empty(split[1].Readings);
    }

    [Fact]
    public void A_course_without_meetings_keeps_its_weeks_papers_but_has_no_classes()
    {
        var week3 = SampleCourse.Snapshot(d => d with { Meetings = [] }).Calendar.Week(3)!;

        Assert.Empty(week3.Meetings);
        Assert.Equal(4, week3.Readings.Count);
    }

    [Fact]
    public void A_holiday_week_has_no_classes_and_the_weeks_around_it_keep_their_split()
    {
        var calendar = SampleCourse.Snapshot(d => d with { Plan = [new PlanEntry("Efficient LLM Serving", [], null, 14, null, new("cs395t.yaml", 1, 1))] }).Calendar;

        var holiday = calendar.Weeks.Single(w => w.IsHoliday);
        Assert.Empty(holiday.Meetings);
        var week14 = calendar.Week(14)!;
        Assert.Equal([4, 4], week14.Meetings.Select(m => m.Readings.Count).ToArray());
        Assert.Equal(week14.Readings, week14.Meetings.SelectMany(m => m.Readings).ToArray());
    }
}
