using CourseBot.Core.Calendar;
using CourseBot.Core.ReadingList;

namespace CourseBot.Core.Tests.Calendar;

public sealed class PlanTests
{
    private static readonly SourceLocation Line = new("cs395t.yaml", 30, 5);

    private static TermCalendar With(params PlanEntry[] plan) =>
        SampleCourse.Snapshot(d => d with { Plan = plan, LastDay = null }).Calendar;

    [Fact]
    public void A_topic_can_span_two_weeks_and_holidays_are_skipped()
    {
        var calendar = With(
            new PlanEntry("Efficient LLM Serving", [], null, 2, null, Line),
            new PlanEntry(null, [], "Project presentations", 1, null, Line));

        Assert.Equal("Efficient LLM Serving", calendar.Week(1)!.Title);
        Assert.Equal("Efficient LLM Serving", calendar.Week(2)!.Title);
        Assert.Equal(8, calendar.Week(2)!.Readings.Count);
        Assert.Equal("Project presentations", calendar.Week(3)!.Title);
        Assert.Empty(calendar.Week(3)!.Readings);
        Assert.Equal(3, calendar.Weeks.Count);
    }

    [Fact]
    public void A_week_can_hold_chosen_papers_only()
    {
        var calendar = With(new PlanEntry(null, ["pagedattention-sosp23", "orca-osdi22"], "Serving deep dive", 1, null, Line));

        var week = calendar.Week(1)!;
        Assert.Equal("Serving deep dive", week.Title);
        Assert.Equal(["pagedattention-sosp23", "orca-osdi22"], week.Readings.Select(r => r.Key!).ToArray());
        Assert.Equal("Efficient LLM Serving", week.Topics.Single().Name);
    }

    [Fact]
    public void A_part_can_be_planned_by_its_number()
    {
        var calendar = With(new PlanEntry("Part 3", [], null, 1, null, Line));

        Assert.Equal("GenAI for Systems", calendar.Week(1)!.Title);
    }

    [Fact]
    public void An_unknown_topic_is_an_error_with_its_line_and_a_suggestion_and_the_week_keeps_its_title()
    {
        var calendar = With(new PlanEntry("Efficient LLM Servng", [], null, 1, null, Line));

        var error = Assert.Single(calendar.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(Line, error.Location);
        Assert.Contains("\"Efficient LLM Servng\"", error.Message);
        Assert.Contains("did you mean \"Efficient LLM Serving\"", error.Hint);
        Assert.Equal("Efficient LLM Servng", calendar.Week(1)!.Title);
        Assert.Empty(calendar.Week(1)!.Readings);
    }

    [Fact]
    public void An_unknown_paper_key_is_an_error()
    {
        var calendar = With(new PlanEntry(null, ["orca-osdi2"], "Orca", 1, null, Line));

        var error = Assert.Single(calendar.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Contains("did you mean \"orca-osdi22\"", error.Hint);
    }

    [Fact]
    public void An_entry_may_start_at_a_later_week_leaving_the_weeks_before_it_empty()
    {
        var calendar = With(
            new PlanEntry("Introduction", [], null, 1, null, Line),
            new PlanEntry("Mixture-of-Experts", [], null, 1, 4, Line));

        Assert.Equal("Introduction", calendar.Week(1)!.Title);
        Assert.Null(calendar.Week(2)!.Title);
        Assert.Null(calendar.Week(3)!.Title);
        Assert.Equal("Mixture-of-Experts", calendar.Week(4)!.Title);
    }

    [Fact]
    public void A_term_too_short_for_every_topic_warns_about_the_topics_left_out()
    {
        var calendar = SampleCourse.Snapshot(d => d with { LastDay = new DateOnly(2025, 9, 10) }).Calendar;

        Assert.Equal(3, calendar.Weeks.Count);
        var warnings = calendar.Diagnostics.Where(d => d.Severity == Severity.Warning).ToArray();
        Assert.Equal(6, warnings.Length);
        Assert.Contains(warnings, w => w.Message.Contains("\"Efficient LLM Serving\" is never scheduled", StringComparison.Ordinal));
    }
}
