using CourseBot.Core.Calendar;
using CourseBot.Core.Commands;
using CourseBot.Core.ReadingList;
using CourseBot.Core.Replies;

namespace CourseBot.Core.Tests.Commands;

/// <summary>Week replies, announcements and reminders say which class discusses which paper.</summary>
public sealed class ClassLineTests
{
    private const string Week3Classes = "Tue Sep 9: HybridFlow, Stage Fusion · Thu Sep 11: AReaL, Asynchronous RLHF";
    private static readonly DateTimeOffset Week3 = SampleCourse.At(2025, 9, 10);
    private readonly CourseSnapshot _course = SampleCourse.Snapshot();

    private static string[] Lines(Reply reply) => PlainTextRenderer.Render(reply).Split('\n');

    [Theory]
    [InlineData("/reading week 3")]
    [InlineData("/required week 3")]
    [InlineData("/reading")]
    public void Reading_and_required_name_each_class_and_its_papers(string command)
    {
        var lines = Lines(CommandDispatcher.Answer(command, _course, Week3));

        Assert.Contains(Week3Classes, lines);
        // After the class times, before the papers.
        Assert.Equal(Array.IndexOf(lines, Week3Classes) - 2, Array.FindIndex(lines, l => l.StartsWith("Class: ", StringComparison.Ordinal)));
        Assert.True(Array.IndexOf(lines, Week3Classes) < Array.IndexOf(lines, "Required"));
    }

    [Fact]
    public void The_weekly_announcement_names_each_class_and_its_papers()
    {
        var reply = Announcements.Weekly(_course, _course.Calendar.Week(3)!)!;

        Assert.Contains(Week3Classes, Lines(reply));
    }

    [Fact]
    public void A_week_without_readings_or_a_holiday_has_no_class_line()
    {
        Assert.Null(WeekReplies.ClassLine(_course.Calendar.Week(10)!));
        Assert.Null(WeekReplies.ClassLine(_course.Calendar.Weeks.Single(w => w.IsHoliday)));
    }

    [Fact]
    public void A_response_reminder_names_the_papers_of_its_own_class()
    {
        var week3 = _course.Calendar.Week(3)!;

        var thursday = Announcements.Reminder(_course, week3, week3.Meetings[1]);

        Assert.Equal("Reading responses for the class on Thu Sep 11, 12:30 (AReaL, Asynchronous RLHF) are due Wed Sep 10, 18:00.", Lines(thursday)[1]);
        Assert.Equal(["areal-arxiv25", "asyncrlhf-iclr25"], thursday.PaperItems.Select(p => p.Paper.Key).ToArray());
        var tuesday = Announcements.Reminder(_course, week3, week3.Meetings[0]);
        Assert.Equal(["hybridflow-eurosys25", "rlhfuse-nsdi25"], tuesday.PaperItems.Select(p => p.Paper.Key).ToArray());
    }

    [Fact]
    public void A_class_without_papers_is_said_so_and_has_no_response_due()
    {
        var course = SampleCourse.Snapshot(d => d with
        {
            Plan = [new PlanEntry("LLM Post-Training for Alignment", [], null, 1, 3, new SourceLocation("cs395t.yaml", 1, 1))
            {
                Classes = [new PlannedClass([], new("cs395t.yaml", 1, 1)), new PlannedClass([new("areal-arxiv25", new("cs395t.yaml", 1, 1))], new("cs395t.yaml", 1, 1))],
            }],
        });

        var lines = Lines(CommandDispatcher.Answer("/reading week 3", course, Week3));

        Assert.Contains("Tue Sep 9: no papers · Thu Sep 11: HybridFlow, Stage Fusion, AReaL, Asynchronous RLHF", lines);
        Assert.Contains("Reading responses due: Wed Sep 10, 18:00", lines);
    }

    [Theory]
    [InlineData("HybridFlow: A Flexible and Efficient RLHF Framework", "HybridFlow")]
    [InlineData("Optimizing RLHF Training for Large Language Models with Stage Fusion", "Stage Fusion")]
    [InlineData("Asynchronous RLHF: Faster and More Efficient Off-Policy RL for Language Models", "Asynchronous RLHF")]
    [InlineData("The Llama 3 Herd of Models", "The Llama 3 Herd of Models")]
    [InlineData("Efficient Memory Management for Large Language Model Serving with PagedAttention", "PagedAttention")]
    [InlineData("Efficient Large-Scale Language Model Training on GPU Clusters Using Megatron-LM", "Megatron-LM")]
    [InlineData("Mathematical Discoveries from Program Search with Large Language Models (FunSearch)", "FunSearch")]
    [InlineData("RDMA over Ethernet for Distributed Training at Meta Scale", "RDMA over Ethernet")]
    [InlineData("Reducing Activation Recomputation in Large Transformer Models", "Reducing Activation Recomputation")]
    [InlineData("Intent-Driven Network Management with Multi-Agent LLMs: The Confucius Framework", "Intent-Driven Network Management")]
    [InlineData("Scaling LLM Test-Time Compute Optimally Can Be More Effective than Scaling Model Parameters", "Scaling LLM Test-Time Compute…")]
    public void A_papers_short_name_is_its_system_name_or_a_shortened_title(string title, string expected) =>
        Assert.Equal(expected, PaperNames.ShortName(new Paper("key-venue25", title, null, null, null)));

    [Fact]
    public void A_paper_without_a_title_goes_by_its_key() =>
        Assert.Equal("orca-osdi22", PaperNames.ShortName(new Paper("orca-osdi22", null, null, null, null)));
}
