using System.Text.Json;
using CourseBot.Core.Commands;
using CourseBot.Core.Replies;

namespace CourseBot.Core.Tests.Questions;

/// <summary>Plain questions through the command path: the parser's seam, the answers, and the "Read as" line in text and JSON.</summary>
public sealed class QuestionAnswerTests
{
    private static readonly CourseSnapshot Course = SampleCourse.Snapshot();
    private static readonly DateTimeOffset Week3 = SampleCourse.At(2025, 9, 10, 10);

    [Theory]
    [InlineData("which papers are required this week?")]
    [InlineData("is Orca required")]
    [InlineData("hey")]
    public void A_line_without_a_slash_is_a_question(string text) =>
        Assert.Equal(text, Assert.IsType<CourseCommand.Question>(CommandParser.Parse("  " + text + " ")).Text);

    [Fact]
    public void Slash_commands_keep_their_grammar_and_coursebot_takes_a_question_too()
    {
        Assert.Equal(new WeekQuery.Numbered(3), Assert.IsType<CourseCommand.Reading>(CommandParser.Parse("/reading week3")).Week);
        Assert.Equal("which", Assert.IsType<CourseCommand.Unknown>(CommandParser.Parse("/which papers")).Name);
        Assert.IsType<CourseCommand.Announce>(CommandParser.Parse("/coursebot announce 5"));
        Assert.Equal("is Orca required?", Assert.IsType<CourseCommand.Question>(CommandParser.Parse("/coursebot is Orca required?")).Text);
    }

    [Fact]
    public void A_question_depends_on_the_time_of_asking() =>
        Assert.True(CommandDispatcher.DependsOnTime(new CourseCommand.Question("what's due tomorrow?")));

    [Fact]
    public void The_answer_lists_the_weeks_required_papers_and_says_how_it_read_the_question()
    {
        var reply = CommandDispatcher.Answer("which papers are required for next week?", Course, Week3);
        var text = PlainTextRenderer.Render(reply);

        Assert.StartsWith("Week 4 · Efficient LLM Serving", text, StringComparison.Ordinal);
        Assert.Equal(
            ["pagedattention-sosp23", "nanoflow-osdi25", "distserve-osdi24", "waferllm-osdi25"],
            reply.PaperItems.Select(p => p.Paper.Key));
        Assert.EndsWith("Read as: /required week 4\n", text, StringComparison.Ordinal);
        Assert.Equal("/required week 4", reply.ReadAs);
    }

    [Fact]
    public void The_json_answer_carries_read_as()
    {
        using var stream = new MemoryStream();
        ReplyJson.Write(CommandDispatcher.Answer("is orca required?", Course, Week3), stream);
        using var json = JsonDocument.Parse(stream.ToArray());

        Assert.Equal("/paper orca-osdi22 (required?)", json.RootElement.GetProperty("readAs").GetString());
        Assert.False(json.RootElement.GetProperty("error").GetBoolean());
    }

    [Fact]
    public void A_command_reply_has_no_read_as()
    {
        using var stream = new MemoryStream();
        ReplyJson.Write(CommandDispatcher.Answer("/reading week3", Course, Week3), stream);
        using var json = JsonDocument.Parse(stream.ToArray());

        Assert.False(json.RootElement.TryGetProperty("readAs", out _));
    }

    [Theory]
    [InlineData("is orca required?", "No: Orca is optional, related reading for KV Cache Management, in Week 4 (Sep 15–21, Efficient LLM Serving).")]
    [InlineData("do I have to read the Llama 3 paper?", "Yes: The Llama 3 Herd of Models is required, in Week 1 (Aug 25–31, Introduction).")]
    [InlineData("is distserve required", "Yes: DistServe is required (focus: Prefill/Decode Disaggregation), in Week 4 (Sep 15–21, Efficient LLM Serving).")]
    [InlineData("where was distserve published", "DistServe was published at OSDI 24.")]
    [InlineData("what's due today", "Reading response due Wed Sep 10, 18:00, for class Thu Sep 11, 12:30 (Week 3 · LLM Post-Training for Alignment).")]
    [InlineData("what's due tomorrow", "No reading response is due on Thu Sep 11.")]
    [InlineData("is there class on friday", "No class on Fri Sep 12: class meets on Tuesdays 12:30–14:00 and Thursdays 12:30–14:00.")]
    [InlineData("do we have class on nov 27", "No class on Thu Nov 27: Thanksgiving break (Nov 24–30).")]
    [InlineData("what are we covering next week", "Week 4 (Sep 15–21) covers Efficient LLM Serving.")]
    public void The_answer_starts_with_the_direct_answer(string question, string first)
    {
        var reply = CommandDispatcher.Answer(question, Course, Week3);
        Assert.Equal(first, PlainTextRenderer.Render(reply).Split('\n')[1]);
    }

    [Fact]
    public void An_ambiguous_date_is_asked_back_with_both_days()
    {
        var reply = CommandDispatcher.Answer("readings for 9/11", Course, Week3);
        var text = PlainTextRenderer.Render(reply);

        Assert.True(reply.IsError);
        Assert.Contains("• Thu Sep 11", text, StringComparison.Ordinal);
        Assert.Contains("• Sun Nov 9", text, StringComparison.Ordinal);
        Assert.Empty(reply.PaperItems);
    }

    [Theory]
    [InlineData("what's the weather tomorrow")]
    [InlineData("is the midterm hard")]
    public void A_question_not_about_the_course_gets_a_help_line_and_no_papers(string question)
    {
        var reply = CommandDispatcher.Answer(question, Course, Week3);

        Assert.True(reply.IsError);
        Assert.Empty(reply.PaperItems);
        Assert.Contains("Read as: not a question about the course", PlainTextRenderer.Render(reply), StringComparison.Ordinal);
    }

    [Fact]
    public void Leads_of_a_course_without_sign_ups_are_answered_honestly_as_none()
    {
        var text = PlainTextRenderer.Render(CommandDispatcher.Answer("who leads HybridFlow?", Course, Week3));
        Assert.Contains("no discussion-lead sign-ups", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_command_typed_without_its_slash_is_answered_as_that_command()
    {
        var reply = CommandDispatcher.Answer("reading week3", Course, Week3);
        Assert.StartsWith("Week 3 · LLM Post-Training for Alignment", PlainTextRenderer.Render(reply), StringComparison.Ordinal);
        Assert.Equal("/reading week 3", reply.ReadAs);
    }
}
