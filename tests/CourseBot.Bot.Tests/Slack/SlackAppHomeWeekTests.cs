using System.Text.Json.Nodes;
using CourseBot.Bot.Slack;
using CourseBot.Bot.Tests.Testing;

namespace CourseBot.Bot.Tests.Slack;

/// <summary>An opened Home tab follows the calendar: when a new week begins it is published again.</summary>
public sealed class SlackAppHomeWeekTests : SlackBotOnClock
{
    [Fact]
    public async Task A_new_week_republishes_an_opened_home_tab_with_the_new_this_week()
    {
        var opened = """{"type":"event_callback","event_id":"Ev0WEEK1","team_id":"T0FAKE","event":{"type":"app_home_opened","user":"USTUDENT04","tab":"home"}}""";
        using (await Bot.SendAsync("/slack/events", opened, "application/json", at: Clock.GetUtcNow()))
        {
        }

        var first = await Eventually.WaitForAsync(() => Slack.To("views.publish").FirstOrDefault(), "the first views.publish");
        Assert.StartsWith("Week 3", ThisWeekTitle(first));

        // Monday of week 4, past the next look at the calendar.
        Clock.Advance(TimeSpan.FromDays(5) + SlackAppHome.WeekCheck);

        var second = await Eventually.WaitForAsync(() => Slack.To("views.publish").Skip(1).FirstOrDefault(), "the views.publish of the new week");
        Assert.Equal("USTUDENT04", second.Body["user_id"]!.GetValue<string>());
        Assert.StartsWith("Week 4", ThisWeekTitle(second));
        Assert.True(Slack.Violations.IsEmpty, string.Join("\n", Slack.Violations));
    }

    /// <summary>The view is the course header, a divider, then this week's answer.</summary>
    private static string ThisWeekTitle(SlackCall publish) => publish.Body["view"]!["blocks"]![2]!["text"]!["text"]!.GetValue<string>();
}
