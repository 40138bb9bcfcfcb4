using CourseBot.Core.Commands;
using CourseBot.Core.Replies;

namespace CourseBot.Core.Tests.Commands;

/// <summary>/calendar: parsed on every platform, answered by the host with the links, mentioned by /help and /schedule.</summary>
public sealed class CalendarReplyTests
{
    private readonly CourseSnapshot _course = SampleCourse.Snapshot();

    [Theory]
    [InlineData("/calendar")]
    [InlineData("/coursebot calendar")]
    [InlineData("/ics")]
    [InlineData("/subscribe")]
    public void Calendar_is_its_own_command(string line) =>
        Assert.IsType<CourseCommand.Calendar>(CommandParser.Parse(line));

    [Theory]
    [InlineData("/calendar new", true)]
    [InlineData("/calendar reset", true)]
    [InlineData("/coursebot calendar new", true)]
    [InlineData("/calendar", false)]
    public void Calendar_new_asks_for_a_new_personal_address(string line, bool newAddress) =>
        Assert.Equal(newAddress, Assert.IsType<CourseCommand.Calendar>(CommandParser.Parse(line)).NewAddress);

    [Fact]
    public void Calendar_typed_alone_at_the_console_is_the_command()
    {
        Assert.IsType<CourseCommand.Calendar>(CommandParser.ParseBare("calendar"));
        Assert.Null(CommandParser.ParseBare("calendar for week 3"));
    }

    [Fact]
    public void Without_the_running_bot_calendar_says_where_the_links_come_from()
    {
        var reply = CommandDispatcher.Answer(new CourseCommand.Calendar(), _course, DateTimeOffset.UnixEpoch);

        Assert.True(reply.IsError);
        Assert.Contains("coursebot calendar", PlainTextRenderer.Render(reply), StringComparison.Ordinal);
        Assert.True(CommandDispatcher.DependsOnTime(new CourseCommand.Calendar()));
    }

    [Fact]
    public void The_links_name_both_feeds_how_to_subscribe_and_the_webcal_addresses()
    {
        var reply = CalendarReply.Links(_course, new Uri("https://bot.example.edu/x/calendar/cs395t.ics"), new Uri("https://bot.example.edu/x/calendar/cs395t/tok_en-1.ics"));
        var text = PlainTextRenderer.Render(reply);

        Assert.Contains("https://bot.example.edu/x/calendar/cs395t.ics", text, StringComparison.Ordinal);
        Assert.Contains("https://bot.example.edu/x/calendar/cs395t/tok_en-1.ics", text, StringComparison.Ordinal);
        Assert.Contains("webcal://bot.example.edu/x/calendar/cs395t.ics", text, StringComparison.Ordinal);
        Assert.Contains("webcal://bot.example.edu/x/calendar/cs395t/tok_en-1.ics", text, StringComparison.Ordinal);
        Assert.Contains("Google Calendar: Other calendars + → From URL", text, StringComparison.Ordinal);
        Assert.Contains("Apple Calendar: File → New Calendar Subscription", text, StringComparison.Ordinal);
        Assert.Contains("Outlook: Add calendar → Subscribe from web", text, StringComparison.Ordinal);
        Assert.Contains("don't share it", text, StringComparison.Ordinal);
        Assert.False(reply.IsError);
    }

    [Fact]
    public void A_course_without_leads_gets_only_the_course_feed()
    {
        var text = PlainTextRenderer.Render(CalendarReply.Links(_course, new Uri("https://bot.example.edu/calendar/cs395t.ics"), null));

        Assert.DoesNotContain("Your calendar", text, StringComparison.Ordinal);
        Assert.DoesNotContain("webcal://bot.example.edu/calendar/cs395t/", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_and_schedule_mention_calendar_on_every_platform()
    {
        foreach (var names in new[] { CommandNames.Default, CommandNames.Slack })
        {
            Assert.Contains("/calendar", PlainTextRenderer.Render(HelpReply.Create(_course, names: names)), StringComparison.Ordinal);
            Assert.Contains("/calendar", PlainTextRenderer.Render(CommandDispatcher.Answer(new CourseCommand.Schedule(), _course, DateTimeOffset.UnixEpoch, names)), StringComparison.Ordinal);
        }
    }
}
