using System.Collections.Concurrent;
using CourseBot.Bot.Slack;
using CourseBot.Bot.Tests.Discord.Fakes;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Bot.Tests.Testing;
using CourseBot.Bot.WebSockets;
using Microsoft.Extensions.DependencyInjection;

namespace CourseBot.Bot.Tests.Slack;

/// <summary>Socket Mode gets its sockets from the transport factory registered in DI, with the ping watchdog of its timings.</summary>
public sealed class SocketModeTransportTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private readonly RecordingSockets _sockets = new();
    private FakeSlack _slack = null!;
    private SlackBotHost _bot = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlack.StartAsync();
        _bot = await SlackBotHost.StartAsync(_slack, _data.Path, mode: "socket", replace: services => services.AddSingleton<IJsonWebSocketFactory>(_sockets));
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _slack.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task The_socket_comes_from_the_registered_factory_with_the_ping_watchdog_and_carries_the_acks()
    {
        var socketMode = _bot.Services.GetRequiredService<SlackSocketMode>();
        await Eventually.WaitForAsync(() => socketMode.IsConnected ? "connected" : null, "the socket's hello");

        await _slack.SendEnvelopeAsync("slash_commands", new System.Text.Json.Nodes.JsonObject
        {
            ["team_id"] = "T0FAKE", ["channel_id"] = "C0COURSE", ["user_id"] = "USTUDENT01", ["command"] = "/schedule", ["text"] = "",
            ["response_url"] = "http://127.0.0.1:9/unused", ["trigger_id"] = "1.2.3", ["api_app_id"] = "A0FAKE",
        }, "env-transport");
        await Eventually.WaitForAsync(() => _slack.Acks.FirstOrDefault(a => a.Ack["envelope_id"]?.GetValue<string>() == "env-transport").Ack, "the ack");

        var options = Assert.Single(_sockets.Created);
        var timings = _bot.Services.GetRequiredService<SocketModeTimings>();
        Assert.Equal(timings.PingInterval, options.PingInterval);
        Assert.Equal(timings.PingTimeout, options.PingTimeout);
        Assert.Equal(timings.ConnectTimeout, options.ConnectTimeout);
    }

    private sealed class RecordingSockets : IJsonWebSocketFactory
    {
        private readonly JsonWebSocketFactory _real = new(TimeProvider.System);

        public ConcurrentQueue<JsonWebSocketOptions> Created { get; } = new();

        public IJsonWebSocket Create(JsonWebSocketOptions options)
        {
            Created.Enqueue(options);
            return _real.Create(options);
        }
    }
}
