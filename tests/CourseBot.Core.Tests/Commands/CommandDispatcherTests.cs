using CourseBot.Core.Commands;
using CourseBot.Core.Replies;

namespace CourseBot.Core.Tests.Commands;

public sealed class CommandDispatcherTests
{
    private static readonly DateTimeOffset Week3 = SampleCourse.At(2025, 9, 10);
    private readonly CourseSnapshot _course = SampleCourse.Snapshot();

    private Reply Ask(string text, DateTimeOffset? now = null) => CommandDispatcher.Answer(text, _course, now ?? Week3);

    private static string[] Keys(ReplyBlock.Papers block) => block.Items.Select(i => i.Paper.Key).ToArray();

    [Fact]
    public void Reading_lists_required_papers_first_then_optional_ones_under_their_focus()
    {
        var reply = Ask("/reading week 2");

        Assert.Equal("Week 2 · Scaling LLM Pre-Training", reply.Title);
        var groups = reply.Blocks.OfType<ReplyBlock.Papers>().ToArray();
        // reading_list.md lines 19-28: five labelled required papers, each followed by one optional paper.
        Assert.Equal("Required", groups[0].Heading);
        Assert.Equal(["wlbllm-osdi25", "alpa-osdi22", "rdma-sigcomm24", "traincheck-osdi25", "oobleck-sosp23"], Keys(groups[0]));
        Assert.Equal(
            ["Optional · Context Parallelism", "Optional · Auto Parallelism", "Optional · Network", "Optional · Silent Data Corruption", "Optional · Fault-Tolerance"],
            groups.Skip(1).Select(g => g.Heading).ToArray());
        Assert.Equal(["hotspa-sosp24"], Keys(groups[1]));
        Assert.Equal(["tenplex-sosp24"], Keys(groups[5]));
    }

    [Fact]
    public void Unlabelled_optional_papers_are_plainly_optional()
    {
        var reply = Ask("/reading RAG");

        var groups = reply.Blocks.OfType<ReplyBlock.Papers>().ToArray();
        Assert.Equal(["rago-isca25", "patchwork-arxiv25"], Keys(groups[0]));
        Assert.Equal("Optional", groups[1].Heading);
        Assert.Equal(["metis-arxiv25", "telerag-arxiv25"], Keys(groups[1]));
    }

    [Fact]
    public void Required_lists_only_required_papers_and_counts_the_rest()
    {
        var reply = Ask("/required week 4");

        var papers = Assert.Single(reply.Blocks.OfType<ReplyBlock.Papers>());
        Assert.All(papers.Items, i => Assert.True(i.Requirement.IsRequired));
        Assert.Equal(4, papers.Items.Count);
        Assert.Contains(reply.Blocks.OfType<ReplyBlock.Paragraph>(), p => PlainTextRenderer.Line(p.Spans, _course.TimeZone) == "Plus 4 optional papers: ask /reading week 4.");
    }

    [Fact]
    public void Reading_shows_class_times_and_deadlines_in_chicago_time()
    {
        var text = PlainTextRenderer.Render(Ask("/reading"));

        Assert.Contains("Class: Tue Sep 9, 12:30 · Thu Sep 11, 12:30", text);
        Assert.Contains("Reading responses due: Mon Sep 8, 18:00 · Wed Sep 10, 18:00", text);
    }

    [Fact]
    public void The_inline_llama_entry_is_shown_with_its_note_and_link()
    {
        var item = Ask("/reading week 1").PaperItems.Single(i => i.Paper.Title == "The Llama 3 Herd of Models");

        Assert.Equal("(Sections 2, 3.3, and 4.1)", item.Note);
        Assert.Equal("https://arxiv.org/pdf/2407.21783", item.Paper.Url);
        Assert.True(item.Requirement.IsRequired);
    }

    [Fact]
    public void A_holiday_week_says_there_is_no_class_and_what_comes_next()
    {
        var text = PlainTextRenderer.Render(Ask("/reading", SampleCourse.At(2025, 11, 25)));

        Assert.StartsWith("Thanksgiving break\n", text);
        Assert.Contains("no class and no readings this week", text);
        Assert.Contains("Next up: Week 14", text);
    }

    [Fact]
    public void Before_the_term_the_reply_says_when_it_starts()
    {
        var reply = Ask("/reading", SampleCourse.At(2025, 8, 1));

        Assert.Equal("The term has not started yet", reply.Title);
        Assert.Contains("Week 1 starts Mon Aug 25 with Introduction.", PlainTextRenderer.Render(reply));
    }

    [Fact]
    public void After_the_term_the_reply_says_it_is_over()
    {
        Assert.Equal("The term is over", Ask("/reading", SampleCourse.At(2026, 2, 1)).Title);
    }

    [Fact]
    public void Paper_shows_one_paper_with_its_week_and_requirement()
    {
        var reply = Ask("/paper PagedAttention");

        var item = reply.PaperItems.First();
        Assert.Equal("pagedattention-sosp23", item.Paper.Key);
        Assert.Equal("Week 4 · Efficient LLM Serving · required (KV Cache Management)", item.Where);
        Assert.False(reply.IsError);
    }

    [Fact]
    public void Paper_with_no_match_says_so_and_suggests_close_papers()
    {
        var reply = Ask("/paper zzzyzx");

        Assert.True(reply.IsError);
        Assert.Contains("No paper on the reading list matches \"zzzyzx\".", PlainTextRenderer.Render(reply));
    }

    [Fact]
    public void Search_lists_the_best_matches()
    {
        var reply = Ask("/search mixture of experts");

        Assert.Contains(reply.PaperItems, i => i.Paper.Key == "moe-iclr17");
        Assert.True(reply.PaperItems.Count() <= PaperReplies.SearchResults);
    }

    [Fact]
    public void Schedule_marks_the_current_week_and_the_holiday()
    {
        var schedule = Assert.Single(Ask("/schedule").Blocks.OfType<ReplyBlock.Schedule>());

        Assert.Equal(15, schedule.Rows.Count);
        Assert.Equal("Week 3", Assert.Single(schedule.Rows, r => r.IsCurrent).Label);
        Assert.Equal("Thanksgiving break (no class)", Assert.Single(schedule.Rows, r => r.IsHoliday).Title);
    }

    [Fact]
    public void Help_lists_every_student_command_and_an_unknown_command_is_named()
    {
        var help = PlainTextRenderer.Render(Ask("/help"));
        foreach (var command in new[] { "/reading", "/required", "/paper", "/search", "/schedule", "/help" })
        {
            Assert.Contains(command, help);
        }

        var unknown = Ask("/grades");
        Assert.True(unknown.IsError);
        Assert.Contains("I don't know \"grades\"", PlainTextRenderer.Render(unknown));
    }

    [Fact]
    public void Announce_preview_is_the_weekly_announcement()
    {
        var reply = Ask("/announce week 3 preview");

        Assert.Equal("📚 Week 3 · LLM Post-Training for Alignment", reply.Title);
        Assert.Equal(4, reply.PaperItems.Count());
    }

    [Fact]
    public void A_missing_key_is_still_listed_by_its_key()
    {
        const string page = """
            ## Part 1 - A
            #### Serving
            {% include paper_item.html key="orca-osdi22 " required="Scheduling" %}
            """;
        var list = Core.ReadingList.ReadingListLoader.FromText(page, "list.md", File.ReadAllText(SharedCourse.File("papers.yaml")), "papers.yaml");
        var course = CourseSnapshot.Create(SampleCourse.Definition(d => d with { LastDay = null }), list);

        var reply = CommandDispatcher.Answer("/reading week 1", course, Week3);

        var item = Assert.Single(reply.PaperItems);
        Assert.False(item.IsResolved);
        Assert.Equal("orca-osdi22  (missing from the papers file)", item.DisplayTitle);
        Assert.Equal("Scheduling", item.Requirement.Label);
    }
}
