using CourseBot.Core.Commands;
using CourseBot.Core.Replies;

namespace CourseBot.Core.Tests.Commands;

/// <summary>
/// Adapters reuse rendered answers for commands that do not depend on the time of asking; these tests
/// hold that promise to the answers themselves, asked across the whole term and outside it.
/// </summary>
public sealed class TimeIndependenceTests
{
    private static readonly DateTimeOffset[] Moments =
    [
        SampleCourse.At(2025, 8, 1), SampleCourse.At(2025, 9, 10), SampleCourse.At(2025, 11, 2, 1, 30),
        SampleCourse.At(2025, 11, 26), SampleCourse.At(2025, 12, 3, 23, 59), SampleCourse.At(2026, 3, 1),
    ];

    [Theory]
    [InlineData("/reading week3")]
    [InlineData("/required week 4")]
    [InlineData("/reading serving")]
    [InlineData("/reading week 40")]
    [InlineData("/paper distserve")]
    [InlineData("/paper no such paper at all")]
    [InlineData("/search attention kernels")]
    [InlineData("/help")]
    [InlineData("/frobnicate")]
    public void Commands_said_not_to_depend_on_time_answer_the_same_all_term(string text)
    {
        var course = SampleCourse.Snapshot();
        var command = CommandParser.Parse(text);

        var answers = Moments.Select(now => PlainTextRenderer.Render(CommandDispatcher.Answer(command, course, now))).Distinct().ToArray();

        Assert.False(CommandDispatcher.DependsOnTime(command));
        Assert.Single(answers);
    }

    [Theory]
    [InlineData("/reading")]
    [InlineData("/reading next week")]
    [InlineData("/required last week")]
    [InlineData("/schedule")]
    [InlineData("/preview")]
    public void Commands_relative_to_now_are_said_to_depend_on_time_and_do(string text)
    {
        var course = SampleCourse.Snapshot();
        var command = CommandParser.Parse(text);

        var answers = Moments.Select(now => PlainTextRenderer.Render(CommandDispatcher.Answer(command, course, now))).Distinct().ToArray();

        Assert.True(CommandDispatcher.DependsOnTime(command));
        Assert.True(answers.Length > 1, "asked at different times, the answer should differ");
    }
}
