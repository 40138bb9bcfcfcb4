using CourseBot.Core.Commands;

namespace CourseBot.Core.Tests.Commands;

public sealed class WeekResolverTests
{
    private readonly CourseSnapshot _course = SampleCourse.Snapshot();

    private WeekAnswer Resolve(string text, DateTimeOffset now) =>
        WeekResolver.Resolve(CommandParser.ParseWeek(text), _course.Calendar, now);

    private int? WeekNumber(string text, DateTimeOffset now) =>
        Resolve(text, now) is WeekAnswer.Found found ? found.Week.Number : null;

    [Theory]
    [InlineData("week3", 3)]
    [InlineData("w 3", 3)]
    [InlineData("3", 3)]
    [InlineData("serving", 4)]
    [InlineData("MoE", 5)]
    [InlineData("RAG", 7)]
    [InlineData("Retrieval-Augmented Generation", 7)]
    [InlineData("agentic", 8)]
    [InlineData("Part 3", 9)]
    [InlineData("GenAI for Systems", 9)]
    [InlineData("post-training", 3)]
    [InlineData("mixture of experts", 5)]
    [InlineData("ME", 5)]
    [InlineData("agentc", 8)]
    public void Weeks_are_found_by_number_or_topic(string text, int expected) =>
        Assert.Equal(expected, WeekNumber(text, SampleCourse.At(2025, 9, 10)));

    [Fact]
    public void This_next_and_last_week_follow_the_clock()
    {
        var wednesdayOfWeek3 = SampleCourse.At(2025, 9, 10);

        Assert.Equal(3, WeekNumber("this week", wednesdayOfWeek3));
        Assert.Equal(4, WeekNumber("next week", wednesdayOfWeek3));
        Assert.Equal(2, WeekNumber("last week", wednesdayOfWeek3));
        Assert.Equal(3, WeekResolver.Resolve(null, _course.Calendar, wednesdayOfWeek3) is WeekAnswer.Found f ? f.Week.Number : null);
    }

    [Fact]
    public void Next_week_from_week_13_is_the_thanksgiving_holiday()
    {
        var found = Assert.IsType<WeekAnswer.Found>(Resolve("next week", SampleCourse.At(2025, 11, 20)));

        Assert.True(found.Week.IsHoliday);
    }

    [Fact]
    public void Before_and_after_the_term_the_answer_says_so()
    {
        Assert.IsType<WeekAnswer.BeforeTerm>(Resolve("this week", SampleCourse.At(2025, 8, 1)));
        Assert.IsType<WeekAnswer.AfterTerm>(Resolve("this week", SampleCourse.At(2026, 1, 15)));
        Assert.IsType<WeekAnswer.AfterTerm>(Resolve("next week", SampleCourse.At(2025, 12, 5)));
        // "next week" from the Sunday before the term is week 1.
        Assert.Equal(1, WeekNumber("next week", SampleCourse.At(2025, 8, 24)));
    }

    [Fact]
    public void An_unknown_week_number_names_the_range()
    {
        var notFound = Assert.IsType<WeekAnswer.NotFound>(Resolve("week 20", SampleCourse.At(2025, 9, 10)));

        Assert.Equal("There is no week 20: the term has weeks 1–14.", notFound.Message);
    }

    [Fact]
    public void An_unknown_topic_suggests_the_closest_names()
    {
        var notFound = Assert.IsType<WeekAnswer.NotFound>(Resolve("quantum", SampleCourse.At(2025, 9, 10)));

        Assert.StartsWith("No week or topic matches \"quantum\".", notFound.Message);
    }
}
