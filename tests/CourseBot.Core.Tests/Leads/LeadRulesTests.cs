using CourseBot.Core.Leads;

namespace CourseBot.Core.Tests.Leads;

/// <summary>The time and paper rules checked before the store: not open yet, closed, staff-closed weeks, holidays.</summary>
public sealed class LeadRulesTests
{
    private static readonly Dictionary<DateOnly, DateTimeOffset> NoneClosed = [];

    private static readonly DateTimeOffset Opens = SampleCourse.At(2025, 8, 25, 9, 0);

    private static LeadablePaper HybridFlow(LeadCatalog catalog) => catalog.Find("hybridflow-eurosys25")!;

    [Fact]
    public void Before_sign_ups_open_the_answer_is_when_they_open()
    {
        var catalog = LeadCourse.Catalog(p => p with { Opens = Opens });

        var check = LeadRules.Check(catalog.Policy, HybridFlow(catalog), Opens.AddMinutes(-1), NoneClosed);

        Assert.Equal(new LeadCheck.NotOpenYet(Opens), check);
        Assert.True(LeadRules.Check(catalog.Policy, HybridFlow(catalog), Opens, NoneClosed).IsOpen);
    }

    [Fact]
    public void Sign_ups_close_the_courses_lead_time_before_the_class()
    {
        // HybridFlow is discussed Tue Sep 9, 12:30; with closes "2d" its sign-ups close Sun Sep 7, 12:30.
        var catalog = LeadCourse.Catalog();
        var closes = SampleCourse.At(2025, 9, 7, 12, 30);

        Assert.True(LeadRules.Check(catalog.Policy, HybridFlow(catalog), closes.AddMinutes(-1), NoneClosed).IsOpen);
        Assert.Equal(new LeadCheck.Closed(HybridFlow(catalog), closes), LeadRules.Check(catalog.Policy, HybridFlow(catalog), closes, NoneClosed));
        Assert.Equal(closes, LeadRules.ClosesAt(catalog.Policy, HybridFlow(catalog)));
    }

    [Fact]
    public void Without_a_lead_time_sign_ups_close_when_class_starts()
    {
        var catalog = LeadCourse.Catalog(p => p with { Closes = TimeSpan.Zero });

        Assert.True(LeadRules.Check(catalog.Policy, HybridFlow(catalog), SampleCourse.At(2025, 9, 9, 12, 29), NoneClosed).IsOpen);
        Assert.IsType<LeadCheck.Closed>(LeadRules.Check(catalog.Policy, HybridFlow(catalog), SampleCourse.At(2025, 9, 9, 12, 30), NoneClosed));
    }

    [Fact]
    public void A_week_closed_by_staff_refuses_with_since_when()
    {
        var catalog = LeadCourse.Catalog();
        var closedAt = SampleCourse.At(2025, 9, 2, 10, 0);

        var check = LeadRules.Check(catalog.Policy, HybridFlow(catalog), SampleCourse.At(2025, 9, 3), new Dictionary<DateOnly, DateTimeOffset> { [LeadCourse.Week3] = closedAt });

        Assert.Equal(new LeadCheck.ClosedByStaff(LeadCourse.Week3, "Week 3", closedAt), check);
    }

    [Fact]
    public void Staff_assign_outside_the_window_and_in_closed_weeks()
    {
        var catalog = LeadCourse.Catalog(p => p with { Opens = Opens });
        var closed = new Dictionary<DateOnly, DateTimeOffset> { [LeadCourse.Week3] = Opens };

        Assert.True(LeadRules.Check(catalog.Policy, HybridFlow(catalog), Opens.AddDays(-3), closed, byStaff: true).IsOpen);
        Assert.True(LeadRules.Check(catalog.Policy, HybridFlow(catalog), SampleCourse.At(2025, 9, 8), closed, byStaff: true).IsOpen);
    }

    [Fact]
    public void A_paper_that_cannot_be_led_is_refused_with_the_reason()
    {
        var catalog = LeadCourse.Catalog();

        var check = Assert.IsType<LeadCheck.NotLeadable>(LeadRules.Check(catalog, catalog.Lookup("rlhfuse-nsdi25"), SampleCourse.At(2025, 9, 1), NoneClosed));

        Assert.Equal("Optimizing RLHF Training for Large Language Models with Stage Fusion", check.Paper);
        Assert.Contains("optional", check.Why);
    }

    [Fact]
    public void The_lead_menu_of_the_holiday_week_says_it_is_a_holiday()
    {
        var check = LeadRules.CheckWeek(LeadCourse.Catalog(), new DateOnly(2025, 11, 24), SampleCourse.At(2025, 11, 20), NoneClosed);

        Assert.Equal(new LeadCheck.HolidayWeek(new DateOnly(2025, 11, 24), "Thanksgiving break"), check);
    }

    [Fact]
    public void The_lead_menu_of_a_week_checks_opening_staff_closing_and_the_last_class()
    {
        var catalog = LeadCourse.Catalog(p => p with { Opens = Opens });
        var closedAt = SampleCourse.At(2025, 9, 2, 10, 0);

        Assert.IsType<LeadCheck.NotOpenYet>(LeadRules.CheckWeek(catalog, LeadCourse.Week3, Opens.AddHours(-1), NoneClosed));
        Assert.True(LeadRules.CheckWeek(catalog, LeadCourse.Week3, SampleCourse.At(2025, 9, 8), NoneClosed).IsOpen);
        Assert.IsType<LeadCheck.ClosedByStaff>(LeadRules.CheckWeek(catalog, LeadCourse.Week3, SampleCourse.At(2025, 9, 3), new Dictionary<DateOnly, DateTimeOffset> { [LeadCourse.Week3] = closedAt }));
        // AReaL (Thu Sep 11) closes Tue Sep 9, 12:30: after that the whole week is closed.
        Assert.Equal(SampleCourse.At(2025, 9, 9, 12, 30), Assert.IsType<LeadCheck.Closed>(LeadRules.CheckWeek(catalog, LeadCourse.Week3, SampleCourse.At(2025, 9, 9, 13, 0), NoneClosed)).Since);
        Assert.IsType<LeadCheck.NoPapers>(LeadRules.CheckWeek(catalog, new DateOnly(2025, 9, 9), SampleCourse.At(2025, 9, 1), NoneClosed));
    }

    [Fact]
    public void Slides_are_due_at_the_courses_time_the_given_days_before_the_class()
    {
        var catalog = LeadCourse.Catalog();

        Assert.Equal(SampleCourse.At(2025, 9, 10, 17, 0), LeadRules.SlidesDueAt(catalog, catalog.Find("areal-arxiv25")!));
        Assert.Null(LeadRules.SlidesDueAt(LeadCourse.Catalog(p => p with { SlidesDue = null }), catalog.Find("areal-arxiv25")!));
    }
}
