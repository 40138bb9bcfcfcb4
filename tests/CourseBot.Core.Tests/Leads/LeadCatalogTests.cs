using CourseBot.Core.Leads;

namespace CourseBot.Core.Tests.Leads;

/// <summary>Which papers can be led, in which class, and how "/lead &lt;words&gt;" finds them.</summary>
public sealed class LeadCatalogTests
{
    [Fact]
    public void Week_3s_required_papers_are_led_in_the_class_that_discusses_them()
    {
        // Issue 13: "Tue Sep 9: HybridFlow, Stage Fusion · Thu Sep 11: AReaL, Asynchronous RLHF"; the required ones are led.
        var papers = LeadCourse.Catalog().InWeek(LeadCourse.Week3);

        Assert.Equal(["hybridflow-eurosys25", "areal-arxiv25"], papers.Select(p => p.Key));
        Assert.Equal(SampleCourse.At(2025, 9, 9, 12, 30), papers[0].Class.Start);
        Assert.Equal(SampleCourse.At(2025, 9, 11, 12, 30), papers[1].Class.Start);
        Assert.Equal(3, papers[0].Week.Number);
        Assert.Equal("HybridFlow", papers[0].ShortTitle);
        Assert.Equal("AReaL", papers[1].ShortTitle);
    }

    [Fact]
    public void All_takes_the_optional_papers_too_and_a_list_only_its_keys()
    {
        Assert.Equal(
            ["hybridflow-eurosys25", "rlhfuse-nsdi25", "areal-arxiv25", "asyncrlhf-iclr25"],
            LeadCourse.Catalog(p => p with { Papers = LeadablePapers.All }).InWeek(LeadCourse.Week3).Select(p => p.Key));
        var listed = LeadCourse.Catalog(p => p with { Papers = LeadablePapers.Listed, PaperKeys = ["rlhfuse-nsdi25", "pagedattention-sosp23"] });
        Assert.Equal(["rlhfuse-nsdi25", "pagedattention-sosp23"], listed.Papers.Select(p => p.Key));
    }

    [Fact]
    public void The_holiday_week_has_no_papers_to_lead()
    {
        var catalog = LeadCourse.Catalog(p => p with { Papers = LeadablePapers.All });

        Assert.Empty(catalog.InWeek(new DateOnly(2025, 11, 24)));
        Assert.DoesNotContain(catalog.Papers, p => p.Week.IsHoliday);
    }

    [Theory]
    [InlineData("hybridflow-eurosys25")]
    [InlineData("HybridFlow-EuroSys25")]
    [InlineData("hybridflow")]
    [InlineData("hybrid flow")]
    [InlineData("hybridflw")]
    [InlineData("HybridFlow: A Flexible and Efficient RLHF Framework")]
    public void Words_a_student_writes_for_hybridflow_find_it(string words)
    {
        var found = Assert.IsType<LeadLookup.Found>(LeadCourse.Catalog().Lookup(words));

        Assert.Equal("hybridflow-eurosys25", found.Paper.Key);
    }

    [Fact]
    public void An_optional_paper_is_not_one_to_lead_and_the_answer_says_why()
    {
        var not = Assert.IsType<LeadLookup.NotLeadable>(LeadCourse.Catalog().Lookup("rlhfuse"));

        Assert.Equal("rlhfuse-nsdi25", not.Paper.Key);
        Assert.Contains("optional", not.Why);
    }

    [Fact]
    public void Words_that_fit_several_papers_offer_them_to_choose_from()
    {
        var several = Assert.IsType<LeadLookup.Several>(LeadCourse.Catalog(p => p with { Papers = LeadablePapers.All }).Lookup("rlhf"));

        Assert.True(several.Papers.Count >= 2);
        Assert.Contains(several.Papers, p => p.Key == "rlhfuse-nsdi25");
        Assert.Contains(several.Papers, p => p.Key == "asyncrlhf-iclr25");
    }

    [Fact]
    public void Words_that_fit_nothing_find_nothing()
    {
        Assert.IsType<LeadLookup.NothingFound>(LeadCourse.Catalog().Lookup("zzzqqqxxx"));
    }

    [Fact]
    public void A_course_without_a_leads_section_has_no_catalog()
    {
        Assert.Null(LeadCatalog.For(SampleCourse.Snapshot()));
    }
}
