using CourseBot.Core.Leads;
using CourseBot.Core.Replies;

namespace CourseBot.Core.Tests.Leads;

/// <summary>What students are told: every refusal privately and clearly, and every outcome of a claim or a drop.</summary>
public sealed class LeadRepliesTests
{
    private static readonly LeadCatalog Catalog = LeadCourse.Catalog();

    private static LeadablePaper AReaL => Catalog.Find("areal-arxiv25")!;

    private static LeadablePaper HybridFlow => Catalog.Find("hybridflow-eurosys25")!;

    private static string Text(Reply reply) => PlainTextRenderer.Render(reply);

    [Fact]
    public void Not_open_yet_says_when_sign_ups_open()
    {
        var reply = LeadReplies.Refusal(Catalog, new LeadCheck.NotOpenYet(SampleCourse.At(2025, 8, 25, 9, 0)));

        Assert.True(reply.IsError);
        Assert.Contains("Sign-ups to lead a paper open Mon Aug 25, 09:00.", Text(reply));
    }

    [Fact]
    public void Closed_says_since_when()
    {
        var reply = LeadReplies.Refusal(Catalog, new LeadCheck.Closed(HybridFlow, SampleCourse.At(2025, 9, 7, 12, 30)));

        Assert.True(reply.IsError);
        Assert.Contains("Sign-ups for HybridFlow (Week 3, Tue Sep 9, 12:30) closed Sun Sep 7, 12:30.", Text(reply));
    }

    [Fact]
    public void Not_a_paper_to_lead_holiday_and_staff_closed_each_say_so()
    {
        Assert.Contains("cannot be led: it is optional reading", Text(LeadReplies.Refusal(Catalog, new LeadCheck.NotLeadable("Stage Fusion", "it is optional reading"))));
        Assert.Contains("Thanksgiving break: no class", Text(LeadReplies.Refusal(Catalog, new LeadCheck.HolidayWeek(new DateOnly(2025, 11, 24), "Thanksgiving break"))));
        Assert.Contains("closed sign-ups for Week 3 on Tue Sep 2, 10:00", Text(LeadReplies.Refusal(Catalog, new LeadCheck.ClosedByStaff(LeadCourse.Week3, "Week 3", SampleCourse.At(2025, 9, 2, 10, 0)))));
    }

    [Fact]
    public void A_claim_says_which_class_and_when_the_slides_are_due()
    {
        var reply = LeadReplies.Claimed(Catalog, AReaL);

        Assert.False(reply.IsError);
        Assert.Contains("You lead AReaL on Thu Sep 11, 12:30 (Week 3). Slides are due Wed Sep 10, 17:00.", Text(reply));
        Assert.Contains("/lead drop areal-arxiv25", Text(reply));
    }

    [Fact]
    public void A_waitlisted_student_learns_their_place()
    {
        Assert.Contains("#2 on its waitlist", Text(LeadReplies.Waitlisted(Catalog, AReaL, 2)));
        Assert.Contains("already #1 on the waitlist", Text(LeadReplies.AlreadyWaitlisted(Catalog, AReaL, 1)));
    }

    [Fact]
    public void Already_leading_names_the_class()
    {
        Assert.Contains("You already lead AReaL on Thu Sep 11, 12:30", Text(LeadReplies.AlreadyLeading(Catalog, AReaL)));
    }

    [Fact]
    public void A_full_paper_offers_the_waitlist_only_when_the_course_has_one()
    {
        var with = Text(LeadReplies.Full(Catalog, AReaL));
        var without = Text(LeadReplies.Full(LeadCourse.Catalog(p => p with { Waitlist = false }), AReaL));

        Assert.Contains("is taken: its 2 slots are full", with);
        Assert.Contains("Join its waitlist with /lead areal-arxiv25", with);
        Assert.DoesNotContain("waitlist", without);
    }

    [Fact]
    public void At_maximum_names_the_paper_the_student_leads()
    {
        var reply = LeadReplies.AtMaximum(Catalog, ["areal-arxiv25"]);

        Assert.True(reply.IsError);
        Assert.Contains("You already lead 1 paper this term, the most a student may: AReaL (Week 3, Thu Sep 11, 12:30).", Text(reply));
        Assert.Contains("/lead drop areal-arxiv25", Text(reply));
    }

    [Fact]
    public void Drops_and_promotions_are_told()
    {
        Assert.Contains("You no longer lead AReaL.", Text(LeadReplies.Dropped(Catalog, "areal-arxiv25")));
        Assert.Contains("not signed up to lead any paper", Text(LeadReplies.NotSignedUp(Catalog, null)));
        var promoted = Text(LeadReplies.Promoted(Catalog, AReaL));
        Assert.Contains("first on the waitlist", promoted);
        Assert.Contains("You lead AReaL on Thu Sep 11, 12:30", promoted);
    }

    [Fact]
    public void Several_matches_list_each_paper_with_the_command_to_take_it()
    {
        var catalog = LeadCourse.Catalog(p => p with { Papers = LeadablePapers.All });
        var reply = LeadReplies.ForLookup(catalog, catalog.Lookup("rlhf"), SampleCourse.At(2025, 9, 1))!;

        Assert.Contains("/lead rlhfuse-nsdi25", Text(reply));
        Assert.Contains("/lead asyncrlhf-iclr25", Text(reply));
        Assert.Null(LeadReplies.ForLookup(catalog, catalog.Lookup("hybridflow"), SampleCourse.At(2025, 9, 1)));
    }
}
