using CourseBot.Core.Commands;

namespace CourseBot.Core.Tests.Commands;

public sealed class CommandParserTests
{
    [Theory]
    [InlineData("/reading week3")]
    [InlineData("/reading week 3")]
    [InlineData("/reading w3")]
    [InlineData("/reading 3")]
    [InlineData("/reading Week 3")]
    [InlineData("reading week3")]
    [InlineData("/reading week:3")]
    [InlineData("/reading week: 3")]
    [InlineData("/readings wk 3")]
    [InlineData("week3")]
    [InlineData("week 3")]
    [InlineData("3")]
    [InlineData("  /reading   week   3  ")]
    public void Every_spelling_of_week_three_asks_for_week_three(string text)
    {
        var command = Assert.IsType<CourseCommand.Reading>(Spelled(text));
        Assert.Equal(new WeekQuery.Numbered(3), command.Week);
    }

    /// <summary>A line without "/" is a question; written exactly as a command, the question reader takes it as that command.</summary>
    private static CourseCommand Spelled(string text) => CommandParser.Parse(text) switch
    {
        CourseCommand.Question question => CommandParser.ParseBare(question.Text) ?? question,
        var command => command,
    };

    [Theory]
    [InlineData("/reading this week", typeof(WeekQuery.ThisWeek))]
    [InlineData("/reading next week", typeof(WeekQuery.NextWeek))]
    [InlineData("/reading next", typeof(WeekQuery.NextWeek))]
    [InlineData("/reading NEXT WEEK", typeof(WeekQuery.NextWeek))]
    [InlineData("/reading last week", typeof(WeekQuery.LastWeek))]
    [InlineData("/required next week", typeof(WeekQuery.NextWeek))]
    public void Relative_weeks_are_understood(string text, Type expected)
    {
        var week = CommandParser.Parse(text) switch
        {
            CourseCommand.Reading r => r.Week,
            CourseCommand.Required r => r.Week,
            var other => throw new Xunit.Sdk.XunitException($"unexpected {other}"),
        };
        Assert.IsType(expected, week);
    }

    [Fact]
    public void No_week_means_this_week()
    {
        Assert.Null(Assert.IsType<CourseCommand.Reading>(CommandParser.Parse("/reading")).Week);
        Assert.Null(Assert.IsType<CourseCommand.Required>(CommandParser.Parse("/required")).Week);
    }

    [Theory]
    [InlineData("/reading serving", "serving")]
    [InlineData("/reading MoE", "MoE")]
    [InlineData("/required Retrieval-Augmented Generation", "Retrieval-Augmented Generation")]
    public void Other_words_name_a_topic(string text, string topic)
    {
        var week = CommandParser.Parse(text) switch
        {
            CourseCommand.Reading r => r.Week,
            CourseCommand.Required r => r.Week,
            _ => null,
        };
        Assert.Equal(new WeekQuery.Named(topic), week);
    }

    [Theory]
    [InlineData("/paper distserve", "distserve")]
    [InlineData("/paper query:PagedAttention", "PagedAttention")]
    [InlineData("paper   Ion Stoica ", "Ion Stoica")]
    public void Paper_takes_the_rest_as_its_query(string text, string query) =>
        Assert.Equal(query, Assert.IsType<CourseCommand.Paper>(Spelled(text)).Query);

    [Fact]
    public void Search_schedule_and_help_are_recognised()
    {
        Assert.Equal("kv cache", Assert.IsType<CourseCommand.Search>(CommandParser.Parse("/search kv cache")).Words);
        Assert.IsType<CourseCommand.Schedule>(CommandParser.Parse("/schedule"));
        Assert.IsType<CourseCommand.Help>(CommandParser.Parse("/help"));
        Assert.IsType<CourseCommand.Help>(CommandParser.Parse(""));
        Assert.IsType<CourseCommand.Help>(CommandParser.Parse("/coursebot"));
    }

    [Theory]
    [InlineData("/announce 3 preview", 3, true)]
    [InlineData("/announce week 3", 3, false)]
    [InlineData("/announce week:3 preview:true", 3, true)]
    [InlineData("/coursebot announce 5", 5, false)]
    [InlineData("/coursebot preview 5", 5, true)]
    public void Announce_takes_a_week_and_a_preview_flag(string text, int week, bool preview)
    {
        var command = Assert.IsType<CourseCommand.Announce>(CommandParser.Parse(text));
        Assert.Equal(new WeekQuery.Numbered(week), command.Week);
        Assert.Equal(preview, command.Preview);
    }

    [Fact]
    public void Slack_style_coursebot_prefix_reaches_the_same_commands()
    {
        Assert.Equal(new WeekQuery.Numbered(2), Assert.IsType<CourseCommand.Reading>(CommandParser.Parse("/coursebot reading week 2")).Week);
        Assert.IsType<CourseCommand.Help>(CommandParser.Parse("/coursebot help"));
    }

    [Fact]
    public void An_unknown_command_is_reported_by_name()
    {
        Assert.Equal("grades", Assert.IsType<CourseCommand.Unknown>(CommandParser.Parse("/grades please")).Name);
    }
}
