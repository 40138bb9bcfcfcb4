using System.Text.Json.Nodes;
using CourseBot.Bot.Conversation;
using CourseBot.Bot.Slack;
using CourseBot.Bot.Tests.Discord.Fakes;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Bot.Tests.Testing;
using CourseBot.Core.Replies;
using Microsoft.Extensions.DependencyInjection;

namespace CourseBot.Bot.Tests.Slack;

/// <summary>Socket Mode with a slow answer: the envelope is acknowledged in time and the answer follows through response_url.</summary>
public sealed class SocketModeSlowAnswerTests : WithFakeSlack
{
    private readonly TaskCompletionSource _release = new();

    // The bot's clock: the answer budget is spent only when a test moves it.
    private readonly TimerSignals _clock = new(DateTimeOffset.UtcNow);
    private SlackBotHost _bot = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _bot = await SlackBotHost.StartAsync(Slack, Data.Path, mode: "socket", replace: services =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            // Pings and the hello timeout run on that clock too: far enough apart that moving it by the budget fires none.
            services.AddSingleton(new SocketModeTimings { PingInterval = TimeSpan.FromHours(1), PingTimeout = TimeSpan.FromHours(1), ConnectTimeout = TimeSpan.FromHours(1), FirstBackoff = TimeSpan.FromMilliseconds(50) });
            services.AddSingleton<CourseConversation>();
            services.AddSingleton<ICourseConversation>(sp => new ScriptedConversation(sp.GetRequiredService<CourseConversation>(), async ct =>
            {
                await _release.Task.WaitAsync(ct);
                return new Reply("Slow search", [new ReplyBlock.Paragraph(new Span.Text("worth the wait"))], TimeZoneInfo.Utc);
            }));
        });
        var socketMode = _bot.Services.GetRequiredService<SlackSocketMode>();
        await Eventually.WaitForAsync(() => socketMode.IsConnected ? "connected" : null, "the socket's hello");
    }

    public override async Task DisposeAsync()
    {
        _release.TrySetResult();
        await _bot.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task The_envelope_is_acknowledged_while_the_answer_is_still_working_then_the_answer_follows()
    {
        var payload = new JsonObject
        {
            ["team_id"] = "T0FAKE", ["channel_id"] = "C0COURSE", ["user_id"] = "USTUDENT01", ["command"] = "/coursebot", ["text"] = "search anything",
            ["response_url"] = Slack.ResponseUrl("slow").ToString(), ["trigger_id"] = "1.2.3", ["api_app_id"] = "A0FAKE",
        };

        await Slack.SendEnvelopeAsync("slash_commands", payload, "env-slow");
        await _clock.WaitForTimerAsync(TimelyAnswer.Budget);
        _clock.Advance(TimelyAnswer.Budget);

        // The answer is held back until the ack has arrived, so the ack cannot have waited for it.
        var ack = await Eventually.WaitForAsync(() => Slack.Acks.Select(a => a.Ack).FirstOrDefault(a => a["envelope_id"]?.GetValue<string>() == "env-slow"), "the ack");
        Assert.Contains("Working on /coursebot", ack["payload"]!.ToJsonString());
        Assert.Empty(Slack.Responses);
        _release.SetResult();
        var answer = await Eventually.WaitForAsync(() => Slack.Responses.FirstOrDefault(), "the answer through response_url");
        Assert.Contains("worth the wait", answer.ToJsonString());
    }

    [Fact]
    public async Task A_refresh_during_a_slow_command_does_not_lose_its_ack()
    {
        var payload = new JsonObject
        {
            ["team_id"] = "T0FAKE", ["channel_id"] = "C0COURSE", ["user_id"] = "USTUDENT01", ["command"] = "/coursebot", ["text"] = "search anything",
            ["response_url"] = Slack.ResponseUrl("refresh").ToString(), ["trigger_id"] = "1.2.3", ["api_app_id"] = "A0FAKE",
        };

        var budgetWaiting = _clock.WaitForTimerAsync(TimelyAnswer.Budget);
        await Slack.SendEnvelopeAsync("slash_commands", payload, "env-during-refresh");
        await budgetWaiting;
        await Slack.DisconnectAsync("refresh_requested");
        await Eventually.WaitForAsync(() => Slack.SocketLog.Contains("open 2") ? "open" : null, "the replacement socket");
        _clock.Advance(TimelyAnswer.Budget);

        // The command is still working when the replacement is up; its ack must still reach Slack on the socket it came on.
        var ack = await Eventually.WaitForAsync(
            () => Slack.Acks.Where(a => a.Ack["envelope_id"]?.GetValue<string>() == "env-during-refresh").Select(a => Tuple.Create(a.Socket, a.Ack)).FirstOrDefault(),
            "the ack");
        Assert.Equal(1, ack.Item1);
        Assert.Contains("Working on /coursebot", ack.Item2["payload"]!.ToJsonString());
        await Eventually.WaitForAsync(() => Slack.SocketLog.Contains("close 1") ? "closed" : null, "the old socket to close once acknowledged");
        var log = Slack.SocketLog.ToList();
        Assert.True(log.IndexOf("open 2") < log.IndexOf("close 1"), string.Join(", ", log));
    }
}
