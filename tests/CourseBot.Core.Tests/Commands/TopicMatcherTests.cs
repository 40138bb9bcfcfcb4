using CourseBot.Core.Commands;

namespace CourseBot.Core.Tests.Commands;

/// <summary>Topic matching for plain questions, on the week names the snapshot splits once.</summary>
public sealed class TopicMatcherTests
{
    private readonly CourseSnapshot _course = SampleCourse.Snapshot();

    [Theory]
    [InlineData("mixture of experts", 5, 100)]
    [InlineData("moe", 5, 90)] // initials
    [InlineData("me", 5, 90)] // initials of the long words
    [InlineData("serving", 4, 80)] // a word of the name
    [InlineData("retriev", 7, 80)] // a prefix
    [InlineData("multimodal", 6, 80)] // the words run together
    [InlineData("agentc", 8, 50)] // one letter missing
    [InlineData("retreival augmentd", 7, 50)] // a typo in each word
    public void The_best_week_and_how_well_it_matched(string query, int week, int score)
    {
        var found = TopicMatcher.Best(query, _course.WeekNames, out var matched);

        Assert.Equal(week, found?.Number);
        Assert.Equal(score, matched);
    }

    [Theory]
    [InlineData("weather")]
    [InlineData("retrieval xyzw")] // every word must fit
    public void Other_words_match_no_week(string query)
    {
        Assert.Null(TopicMatcher.Best(query, _course.WeekNames, out var matched));
        Assert.Equal(0, matched);
    }
}
