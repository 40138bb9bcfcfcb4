using CourseBot.Core.Commands;
using CourseBot.Core.Replies;

namespace CourseBot.Core.Tests.Questions;

/// <summary>Questions about one class: its papers, and which class discusses a paper.</summary>
public sealed class ClassQuestionTests
{
    private static readonly CourseSnapshot Course = SampleCourse.Snapshot();
    private static readonly DateTimeOffset Week3 = SampleCourse.At(2025, 9, 10, 10);

    private static string[] Lines(string question) => PlainTextRenderer.Render(CommandDispatcher.Answer(question, Course, Week3)).Split('\n');

    [Fact]
    public void The_papers_for_thursday_are_that_classs_papers_with_its_deadline()
    {
        var lines = Lines("what are we reading for thursday?");

        Assert.Equal("Thu Sep 11 · Week 3 · LLM Post-Training for Alignment", lines[0]);
        Assert.Equal("Class Thu Sep 11, 12:30 discusses AReaL, Asynchronous RLHF.", lines[1]);
        Assert.Equal("Reading response due Wed Sep 10, 18:00.", lines[2]);
        Assert.DoesNotContain(lines, l => l.Contains("HybridFlow", StringComparison.Ordinal));
        Assert.Equal("Read as: /reading week 3 · Thu Sep 11", lines[^2]);
    }

    [Fact]
    public void Required_papers_for_a_class_leave_out_its_optional_ones()
    {
        var reply = CommandDispatcher.Answer("which papers are required for the next class", Course, Week3);

        Assert.Equal(["areal-arxiv25"], reply.PaperItems.Select(p => p.Paper.Key).ToArray());
    }

    [Fact]
    public void A_day_without_class_still_answers_with_the_week()
    {
        var reply = CommandDispatcher.Answer("readings for friday", Course, Week3);

        Assert.Equal(4, reply.PaperItems.Count()); // all of week 3: Friday has no class of its own
        Assert.Contains("No class on Fri Sep 12", PlainTextRenderer.Render(reply), StringComparison.Ordinal);
    }

    [Fact]
    public void When_a_paper_is_read_the_answer_names_its_class()
    {
        var lines = Lines("when do we discuss DistServe?");

        Assert.Equal("DistServe is read in Week 4 (Sep 15–21, Efficient LLM Serving), required (focus: Prefill/Decode Disaggregation).", lines[1]);
        Assert.Equal("Discussed in class Thu Sep 18, 12:30.", lines[2]);
    }
}
