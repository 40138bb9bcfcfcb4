using System.Text.Json.Nodes;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Slack;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Bot.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CourseBot.Bot.Tests.Slack;

/// <summary>Socket Mode against the fake: acknowledgements, duplicates, refreshes, a disabled link and a silent socket.</summary>
public sealed class SocketModeTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private FakeSlack _slack = null!;
    private SlackBotHost _bot = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlack.StartAsync();
        _bot = await SlackBotHost.StartAsync(_slack, _data.Path, mode: "socket");
        var socketMode = _bot.Services.GetRequiredService<SlackSocketMode>();
        await Eventually.WaitForAsync(() => socketMode.IsConnected ? "connected" : null, "the first socket's hello");
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _slack.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task It_opens_the_connection_with_the_app_token_and_answers_a_slash_command_in_the_ack()
    {
        var open = Assert.Single(_slack.To("apps.connections.open"));
        Assert.Equal(FakeSlack.AppToken, open.Token);
        Assert.True(_slack.Violations.IsEmpty, string.Join("\n", _slack.Violations));

        await _slack.SendEnvelopeAsync("slash_commands", SlashPayload("/reading", "week3"), "env-1");

        var ack = await AckAsync("env-1");
        var payload = ack.Item2["payload"]!.AsObject();
        Assert.Equal("ephemeral", payload["response_type"]!.GetValue<string>());
        Assert.Contains("HybridFlow", payload.ToJsonString());
        Assert.Empty(FakeSlack.BlockProblems(payload["blocks"]!.AsArray(), 50));
    }

    [Fact]
    public async Task A_retried_event_is_acknowledged_again_but_handled_once()
    {
        var opened = new JsonObject
        {
            ["type"] = "event_callback", ["event_id"] = "Ev0SOCKET1", ["team_id"] = "T0FAKE",
            ["event"] = new JsonObject { ["type"] = "app_home_opened", ["user"] = "USTUDENT02", ["tab"] = "home" },
        };

        await _slack.SendEnvelopeAsync("events_api", opened, "env-a");
        await _slack.SendEnvelopeAsync("events_api", (JsonObject)opened.DeepClone(), "env-b", retryAttempt: 1);

        await Eventually.WaitForAsync(() => _slack.Acks.Count(a => a.Ack["envelope_id"]?.GetValue<string>() is "env-a" or "env-b") == 2 ? "both" : null, "both acks");
        await Eventually.WaitForAsync(() => _slack.To("views.publish").FirstOrDefault(), "views.publish");
        // Instead of sleeping: a later event is handled, so the bot has got through the retried one.
        var marker = (JsonObject)opened.DeepClone();
        marker["event_id"] = "Ev0MARKER";
        marker["event"]!["user"] = "UMARKER01";
        await _slack.SendEnvelopeAsync("events_api", marker, "env-marker");
        await Eventually.WaitForAsync(() => _slack.To("views.publish").FirstOrDefault(c => c.Body["user_id"]?.GetValue<string>() == "UMARKER01"), "the marker's views.publish");
        Assert.Single(_slack.To("views.publish"), c => c.Body["user_id"]?.GetValue<string>() == "USTUDENT02");
    }

    [Theory]
    [InlineData("refresh_requested")]
    [InlineData("warning")]
    public async Task A_refresh_opens_the_replacement_before_closing_the_old_connection(string reason)
    {
        await _slack.DisconnectAsync(reason);

        await Eventually.WaitForAsync(() => _slack.SocketLog.Contains("close 1") ? "closed" : null, "the old socket to close");
        var log = _slack.SocketLog.ToList();
        Assert.True(log.IndexOf("open 2") < log.IndexOf("close 1"), string.Join(", ", log));
        Assert.Equal(1, _slack.OpenSockets);

        await _slack.SendEnvelopeAsync("slash_commands", SlashPayload("/schedule", ""), "env-after");
        var ack = await AckAsync("env-after");
        Assert.Equal(2, ack.Item1);
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("[1, 2]")]
    public async Task A_frame_that_is_not_an_envelope_is_skipped_and_the_socket_keeps_working(string frame)
    {
        await _slack.SendRawAsync(frame);
        await _slack.SendEnvelopeAsync("slash_commands", SlashPayload("/schedule", ""), "env-after-junk");

        var ack = await AckAsync("env-after-junk");
        Assert.Equal(1, ack.Item1);
        Assert.DoesNotContain("open 2", _slack.SocketLog);
        Assert.True(_bot.Services.GetRequiredService<SlackSocketMode>().IsConnected);
    }

    [Fact]
    public async Task A_command_whose_handling_throws_is_still_acknowledged_with_a_short_apology()
    {
        // A malformed payload (command not a string) makes the handler throw before any answer exists.
        var payload = SlashPayload("/reading", "week3");
        payload["command"] = 42;
        await _slack.SendEnvelopeAsync("slash_commands", payload, "env-broken");

        var ack = await AckAsync("env-broken");
        Assert.Equal("ephemeral", ack.Item2["payload"]!["response_type"]!.GetValue<string>());
        Assert.Contains("Sorry", ack.Item2["payload"]!["text"]!.GetValue<string>());
        Assert.True(_bot.Services.GetRequiredService<SlackSocketMode>().IsConnected);
    }

    [Fact]
    public async Task A_disabled_link_stops_the_bot_with_the_reason()
    {
        await _slack.DisconnectAsync("link_disabled");

        var reason = await Eventually.WaitForAsync(() => _bot.Services.GetRequiredService<FatalStop>().Reason, "the fatal stop");
        Assert.Contains("link_disabled", reason);
        Assert.Contains("Socket Mode", reason);
    }

    [Fact]
    public async Task A_silent_socket_is_replaced_by_the_ping_watchdog()
    {
        _slack.GoSilent();

        await Eventually.WaitForAsync(() => _slack.SocketLog.Contains("open 2") ? "reopened" : null, "a new socket");
        Assert.Equal(2, _slack.To("apps.connections.open").Count());
    }

    /// <summary>The acknowledgement of an envelope: which socket it came on, and its body.</summary>
    private Task<Tuple<int, JsonObject>> AckAsync(string envelopeId) => Eventually.WaitForAsync(
        () => _slack.Acks.Where(a => a.Ack["envelope_id"]?.GetValue<string>() == envelopeId).Select(a => Tuple.Create(a.Socket, a.Ack)).FirstOrDefault(),
        $"the ack of {envelopeId}");

    [Fact]
    public async Task A_button_click_is_acknowledged_and_answered_privately_through_response_url()
    {
        var click = new JsonObject
        {
            ["type"] = "block_actions", ["user"] = new JsonObject { ["id"] = "USTUDENT01" }, ["channel"] = new JsonObject { ["id"] = "C0COURSE" },
            ["team"] = new JsonObject { ["id"] = "T0FAKE" }, ["response_url"] = _slack.ResponseUrl("socket-click").ToString(),
            ["actions"] = new JsonArray(new JsonObject { ["type"] = "button", ["action_id"] = SlackReplyRenderer.CommandAction + "0", ["value"] = "/reading week 3" }),
        };

        await _slack.SendEnvelopeAsync("interactive", click, "env-click");

        await Eventually.WaitForAsync(() => _slack.Acks.FirstOrDefault(a => a.Ack["envelope_id"]?.GetValue<string>() == "env-click").Ack, "the acknowledgement");
        var answer = await Eventually.WaitForAsync(() => _slack.Responses.FirstOrDefault(), "the answer through response_url");
        Assert.Equal("ephemeral", answer["response_type"]!.GetValue<string>());
        Assert.StartsWith("Week 3 · LLM Post-Training for Alignment", answer["blocks"]![0]!["text"]!["text"]!.GetValue<string>());
    }

    private static JsonObject SlashPayload(string command, string text) => new()
    {
        ["token"] = "deprecated", ["team_id"] = "T0FAKE", ["channel_id"] = "C0COURSE", ["user_id"] = "USTUDENT01",
        ["command"] = command, ["text"] = text, ["response_url"] = "http://127.0.0.1:9/unused", ["trigger_id"] = "1.2.3", ["api_app_id"] = "A0FAKE",
    };
}
