using System.Text.Json.Nodes;
using CourseBot.Bot.Slack;
using CourseBot.Bot.Tests.Discord.Fakes;
using CourseBot.Bot.Tests.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Slack;

/// <summary>An opened Home tab follows the calendar: when a new week begins it is published again.</summary>
public sealed class SlackAppHomeWeekTests : IAsyncLifetime
{
    /// <summary>Wednesday of week 3 of the sample term.</summary>
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 9, 10, 15, 0, 0, TimeSpan.Zero));
    private readonly TempDirectory _data = new();
    private FakeSlack _slack = null!;
    private SlackBotHost _bot = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlack.StartAsync();
        _bot = await SlackBotHost.StartAsync(_slack, _data.Path, replace: services => services.AddSingleton<TimeProvider>(_clock));
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _slack.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task A_new_week_republishes_an_opened_home_tab_with_the_new_this_week()
    {
        var opened = """{"type":"event_callback","event_id":"Ev0WEEK1","team_id":"T0FAKE","event":{"type":"app_home_opened","user":"USTUDENT04","tab":"home"}}""";
        using (await _bot.SendAsync("/slack/events", opened, "application/json", at: _clock.GetUtcNow()))
        {
        }

        var first = await Eventually.WaitForAsync(() => _slack.To("views.publish").FirstOrDefault(), "the first views.publish");
        Assert.StartsWith("Week 3", ThisWeekTitle(first));

        // Monday of week 4, past the next look at the calendar.
        _clock.Advance(TimeSpan.FromDays(5) + SlackAppHome.WeekCheck);

        var second = await Eventually.WaitForAsync(() => _slack.To("views.publish").Skip(1).FirstOrDefault(), "the views.publish of the new week");
        Assert.Equal("USTUDENT04", second.Body["user_id"]!.GetValue<string>());
        Assert.StartsWith("Week 4", ThisWeekTitle(second));
        Assert.True(_slack.Violations.IsEmpty, string.Join("\n", _slack.Violations));
    }

    /// <summary>The view is the course header, a divider, then this week's answer.</summary>
    private static string ThisWeekTitle(SlackCall publish) => publish.Body["view"]!["blocks"]![2]!["text"]!["text"]!.GetValue<string>();
}
