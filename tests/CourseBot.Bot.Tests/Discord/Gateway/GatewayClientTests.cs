using System.Text.Json;
using System.Text.Json.Nodes;
using CourseBot.Bot.Discord;
using CourseBot.Bot.Discord.Gateway;
using CourseBot.Bot.Discord.Interactions;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Tests.Discord.Fakes;
using CourseBot.Bot.Tests.Testing;
using CourseBot.Bot.WebSockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Tests.Discord.Gateway;

/// <summary>The gateway client against the loopback gateway: the documented lifecycle, and every way it can go wrong.</summary>
public sealed class GatewayClientTests : IAsyncLifetime
{
    private const string Token = "gateway-test-token";
    private readonly InteractionQueue _queue = new();
    private readonly MessageQueue _messages = new();
    private readonly StoppingLifetime _lifetime = new();
    private FakeDiscordGateway _gateway = null!;
    private DiscordGatewayClient? _client;
    private FatalStop _fatal = null!;

    public async Task InitializeAsync()
    {
        _gateway = await FakeDiscordGateway.StartAsync();
        _fatal = new FatalStop(_lifetime, NullLogger<FatalStop>.Instance);
    }

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync(CancellationToken.None);
        }

        await _gateway.DisposeAsync();
    }

    [Fact]
    public async Task It_identifies_with_the_message_intents_only_and_hands_interactions_and_messages_to_their_queues_as_they_came()
    {
        _gateway.HeartbeatInterval = 2000;
        await StartAsync();
        var identify = await Eventually.WaitForAsync(() => _gateway.Frames(GatewayOpcode.Identify).FirstOrDefault());
        await Eventually.WaitForAsync(() => _client!.State == GatewayState.Ready ? "ready" : null);

        var interaction = new JsonObject { ["id"] = "1400000000000000009", ["type"] = 2, ["token"] = "tok", ["data"] = new JsonObject { ["name"] = "reading" } };
        await _gateway.DispatchAsync("INTERACTION_CREATE", interaction);
        var message = new JsonObject { ["id"] = "1", ["channel_id"] = "2", ["content"] = "hello" };
        await _gateway.DispatchAsync("MESSAGE_CREATE", message);
        var received = await ReadAsync();
        var receivedMessage = await ReadMessageAsync();

        Assert.Equal(Token, identify.Data.GetProperty("token").GetString());

        // GUILD_MESSAGES (1 << 9) and DIRECT_MESSAGES (1 << 12), gateway.mdx; never MESSAGE_CONTENT (1 << 15, privileged).
        Assert.Equal((1 << 9) | (1 << 12), identify.Data.GetProperty("intents").GetInt32());
        Assert.True(JsonNode.DeepEquals(message, JsonNode.Parse(receivedMessage.Json.Span)));
        Assert.Equal(FakeDiscordGateway.BotUserId, receivedMessage.BotUserId);
        Assert.Equal("coursebot", identify.Data.GetProperty("properties").GetProperty("browser").GetString());
        Assert.True(JsonNode.DeepEquals(interaction, JsonNode.Parse(received.Json.Span)));
        var beat = await Eventually.WaitForAsync(() => _gateway.Frames(GatewayOpcode.Heartbeat).FirstOrDefault(f => f.Data.ValueKind == JsonValueKind.Number && f.Data.GetInt64() == _gateway.LastSequence));
        Assert.Equal(_gateway.LastSequence, beat.Data.GetInt64());
        Assert.Equal(1, _client!.Identifies);
    }

    [Fact]
    public async Task The_first_heartbeat_waits_a_random_fraction_of_the_interval_then_beats_every_interval()
    {
        _gateway.HeartbeatInterval = 400;
        await StartAsync(jitter: 0.9);

        var beats = await Eventually.WaitForAsync(() => _gateway.Frames(GatewayOpcode.Heartbeat).Take(3).ToArray() is { Length: 3 } three ? three : null);

        Assert.True(beats[0].At - _gateway.HelloSent[1] >= TimeSpan.FromMilliseconds(340), $"first beat after {(beats[0].At - _gateway.HelloSent[1]).TotalMilliseconds} ms");
        Assert.True(beats[2].At - beats[1].At >= TimeSpan.FromMilliseconds(350), "beats come once per interval");
    }

    [Fact]
    public async Task A_missing_ack_drops_the_zombie_with_a_resumable_close_and_resumes_where_it_was()
    {
        _gateway.HeartbeatInterval = 300;
        await StartAsync();
        await Eventually.WaitForAsync(() => _client!.State == GatewayState.Ready ? "ready" : null);
        await _gateway.DispatchAsync("GUILD_CREATE", new JsonObject());
        var sequence = _gateway.LastSequence;
        _gateway.AckHeartbeats = false;

        var resume = await Eventually.WaitForAsync(() => _gateway.Frames(GatewayOpcode.Resume).FirstOrDefault());

        Assert.Equal("/resume", resume.Path);
        Assert.Equal(FakeDiscordGateway.SessionId, resume.Data.GetProperty("session_id").GetString());
        Assert.Equal(sequence, resume.Data.GetProperty("seq").GetInt64());
        // The zombie's close frame reached the gateway, with the resumable code the client uses.
        await Eventually.WaitForAsync(() => _gateway.ClientCloses.Contains(GatewayCloseCodes.ZombieConnection) ? "zombie close" : null, "close code 4900");
        Assert.DoesNotContain(_gateway.ClientCloses, code => code is 1000 or 1001);
        Assert.Single(_gateway.Frames(GatewayOpcode.Identify));
    }

    [Fact]
    public async Task A_heartbeat_request_from_the_gateway_is_answered_with_a_beat_at_once()
    {
        // Jitter 0.9 of a minute: no scheduled beat comes while the test waits.
        _gateway.HeartbeatInterval = 60_000;
        await StartAsync(jitter: 0.9);
        await Eventually.WaitForAsync(() => _client!.State == GatewayState.Ready ? "ready" : null);
        Assert.Empty(_gateway.Frames(GatewayOpcode.Heartbeat));

        await _gateway.SendAsync(GatewayOpcode.Heartbeat);

        var beat = await Eventually.WaitForAsync(() => _gateway.Frames(GatewayOpcode.Heartbeat).FirstOrDefault(), "a heartbeat answering op 1");
        Assert.Equal(_gateway.LastSequence, beat.Data.GetInt64());
        Assert.Equal(1, _gateway.Connections);
    }

    [Fact]
    public async Task Op_7_reconnects_and_resumes()
    {
        await StartAsync();
        await Eventually.WaitForAsync(() => _client!.State == GatewayState.Ready ? "ready" : null);

        await _gateway.SendAsync(GatewayOpcode.Reconnect);

        var resume = await Eventually.WaitForAsync(() => _gateway.Frames(GatewayOpcode.Resume).FirstOrDefault());
        Assert.Equal(2, resume.Connection);
        await Eventually.WaitForAsync(() => _client!.State == GatewayState.Ready ? "ready" : null);
        Assert.Single(_gateway.Frames(GatewayOpcode.Identify));
    }

    [Fact]
    public async Task Op_9_resumable_resumes_and_op_9_not_resumable_identifies_again_no_sooner_than_five_seconds_later()
    {
        await StartAsync(identifyInterval: TimeSpan.FromSeconds(5));
        await Eventually.WaitForAsync(() => _client!.State == GatewayState.Ready ? "ready" : null);

        await _gateway.SendAsync(GatewayOpcode.InvalidSession, true);
        await Eventually.WaitForAsync(() => _gateway.Frames(GatewayOpcode.Resume).FirstOrDefault());
        await _gateway.SendAsync(GatewayOpcode.InvalidSession, false);
        var identifies = await Eventually.WaitForAsync(() => _gateway.Frames(GatewayOpcode.Identify).ToArray() is { Length: 2 } two ? two : null, "a second Identify");

        Assert.Equal("/", identifies[1].Path);
        Assert.True(identifies[1].At - identifies[0].At >= TimeSpan.FromSeconds(4.9), $"identified again after {(identifies[1].At - identifies[0].At).TotalSeconds} s");
        Assert.Equal(2, _client!.Identifies);
    }

    [Theory]
    [InlineData(4004, "authentication failed")]
    [InlineData(4010, "invalid shard")]
    [InlineData(4011, "sharding required")]
    [InlineData(4012, "invalid API version")]
    [InlineData(4013, "invalid intents")]
    [InlineData(4014, "disallowed intents")]
    public async Task Close_codes_that_no_reconnect_can_fix_stop_the_bot_with_the_reason(int code, string meaning)
    {
        await StartAsync();
        await Eventually.WaitForAsync(() => _client!.State == GatewayState.Ready ? "ready" : null);

        await _gateway.CloseAsync(code);

        var reason = await Eventually.WaitForAsync(() => _fatal.Reason);
        Assert.Contains($"{code} ({meaning})", reason);
        // The reason is recorded just before the host is told to stop.
        await Eventually.WaitForAsync(() => _lifetime.Stopped ? "stopped" : null, "the host to stop");
        Assert.Equal(GatewayState.Stopped, _client!.State);
        // The client's loop has ended, so no reconnect can come after this.
        await _client.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(1, _gateway.Connections);
    }

    [Theory]
    [InlineData(4000, GatewayOpcode.Resume)]
    [InlineData(4008, GatewayOpcode.Resume)]
    [InlineData(4007, GatewayOpcode.Identify)]
    [InlineData(4009, GatewayOpcode.Identify)]
    public async Task Other_close_codes_reconnect_resuming_when_the_session_survives(int code, int expected)
    {
        await StartAsync();
        await Eventually.WaitForAsync(() => _client!.State == GatewayState.Ready ? "ready" : null);

        await _gateway.CloseAsync(code);

        var next = await Eventually.WaitForAsync(() => _gateway.Received.FirstOrDefault(f => f.Connection == 2 && f.Op is GatewayOpcode.Identify or GatewayOpcode.Resume));
        Assert.Equal(expected, next.Op);
        Assert.Null(_fatal.Reason);
    }

    [Fact]
    public async Task A_dropped_socket_is_resumed_after_a_backoff()
    {
        await StartAsync();
        await Eventually.WaitForAsync(() => _client!.State == GatewayState.Ready ? "ready" : null);

        _gateway.Drop();

        var resume = await Eventually.WaitForAsync(() => _gateway.Frames(GatewayOpcode.Resume).FirstOrDefault());
        Assert.Equal(2, resume.Connection);
    }

    [Fact]
    public async Task A_flood_of_interactions_nobody_answers_never_holds_up_the_heartbeat()
    {
        _gateway.HeartbeatInterval = 200;
        await StartAsync();
        await Eventually.WaitForAsync(() => _client!.State == GatewayState.Ready ? "ready" : null);

        for (var i = 0; i < 2000; i++)
        {
            await _gateway.DispatchAsync("INTERACTION_CREATE", new JsonObject { ["id"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture), ["type"] = 2, ["token"] = "t" });
        }

        var beats = _gateway.Frames(GatewayOpcode.Heartbeat).Count();
        await Eventually.WaitForAsync(() => _gateway.Frames(GatewayOpcode.Heartbeat).Count() >= beats + 3 ? "beating" : null);
        var queued = 0;
        using var drain = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await foreach (var _ in _queue.ReadAllAsync(drain.Token))
        {
            if (++queued == 2000)
            {
                break;
            }
        }

        Assert.Equal(2000, queued);
        Assert.Equal(1, _gateway.Connections);
        Assert.Equal(GatewayState.Ready, _client!.State);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"s\":null,\"d\":{}}")]
    [InlineData("{\"op\":0,\"t\":\"READY\",\"s\":null,\"d\":{\"v\":10}}")]
    [InlineData("{\"op\":\"zero\",\"d\":null}")]
    public async Task A_malformed_frame_ends_only_that_connection_and_the_bot_resumes_and_keeps_answering(string frame)
    {
        await StartAsync();
        await Eventually.WaitForAsync(() => _client!.State == GatewayState.Ready ? "ready" : null);

        await _gateway.SendRawAsync(frame);

        var resume = await Eventually.WaitForAsync(() => _gateway.Frames(GatewayOpcode.Resume).FirstOrDefault(), "a Resume on a new connection");
        Assert.Equal(2, resume.Connection);
        await Eventually.WaitForAsync(() => _client!.State == GatewayState.Ready ? "ready" : null);
        var interaction = new JsonObject { ["id"] = "1400000000000000010", ["type"] = 2, ["token"] = "tok", ["data"] = new JsonObject { ["name"] = "reading" } };
        await _gateway.DispatchAsync("INTERACTION_CREATE", interaction);
        var received = await ReadAsync();
        Assert.True(JsonNode.DeepEquals(interaction, JsonNode.Parse(received.Json.Span)));
        Assert.Null(_fatal.Reason);
        Assert.DoesNotContain(_gateway.ClientCloses, code => code is 1000 or 1001);
    }

    [Fact]
    public async Task A_dead_resume_url_is_given_up_after_three_failed_connects_and_the_bot_identifies_anew()
    {
        // A loopback port nothing listens on: every resume connect is refused.
        var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        _gateway.ResumeGatewayUrl = new Uri($"ws://127.0.0.1:{port}/");
        await StartAsync();
        await Eventually.WaitForAsync(() => _client!.State == GatewayState.Ready ? "ready" : null);

        _gateway.Drop();

        var identifies = await Eventually.WaitForAsync(() => _gateway.Frames(GatewayOpcode.Identify).ToArray() is { Length: 2 } two ? two : null, "a second Identify");
        Assert.Equal("/", identifies[1].Path);
        Assert.Equal(2, identifies[1].Connection);
        Assert.Empty(_gateway.Frames(GatewayOpcode.Resume));
        await Eventually.WaitForAsync(() => _client!.State == GatewayState.Ready ? "ready" : null);
        Assert.Equal(2, _client!.Identifies);
        Assert.Null(_fatal.Reason);
    }

    [Fact]
    public async Task Too_many_identifies_in_a_day_stop_the_bot_before_discord_resets_the_token()
    {
        await StartAsync(identifyStop: 2);
        await Eventually.WaitForAsync(() => _client!.State == GatewayState.Ready ? "ready" : null);
        await _gateway.SendAsync(GatewayOpcode.InvalidSession, false);
        await Eventually.WaitForAsync(() => _gateway.Frames(GatewayOpcode.Identify).Count() == 2 ? "second identify" : null);
        await Eventually.WaitForAsync(() => _gateway.Connections == 2 && _client!.State == GatewayState.Ready ? "ready again" : null);

        await _gateway.SendAsync(GatewayOpcode.InvalidSession, false);

        var reason = await Eventually.WaitForAsync(() => _fatal.Reason);
        Assert.Contains("2 identifies in the last 24 hours", reason);
        Assert.Contains("resets the bot token", reason);
        await Eventually.WaitForAsync(() => _lifetime.Stopped ? "stopped" : null, "the host to stop");
        Assert.Equal(GatewayState.Stopped, _client!.State);
        Assert.Equal(2, _gateway.Frames(GatewayOpcode.Identify).Count());
        Assert.Equal(2, _client.Identifies);
    }

    private async Task<ReceivedInteraction> ReadAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var interaction in _queue.ReadAllAsync(timeout.Token))
        {
            return interaction;
        }

        throw new TimeoutException("no interaction was queued");
    }

    private async Task<ReceivedMessage> ReadMessageAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var message in _messages.ReadAllAsync(timeout.Token))
        {
            return message;
        }

        throw new TimeoutException("no message was queued");
    }

    private async Task StartAsync(double jitter = 0.1, TimeSpan? identifyInterval = null, int identifyStop = 900)
    {
        var timings = new GatewayTimings
        {
            IdentifyStop = identifyStop,
            IdentifyInterval = identifyInterval ?? TimeSpan.FromMilliseconds(50),
            FirstBackoff = TimeSpan.FromMilliseconds(50),
            InvalidSessionDelay = TimeSpan.FromMilliseconds(100),
            Jitter = () => jitter,
        };
        _client = new DiscordGatewayClient(
            new Locator(_gateway.Url), _queue, _messages, new JsonWebSocketFactory(TimeProvider.System), Options.Create(new DiscordOptions { BotToken = Token }), timings, _fatal, TimeProvider.System,
            NullLogger<DiscordGatewayClient>.Instance);
        await _client.StartAsync(CancellationToken.None);
    }

    private sealed class Locator(Uri url) : IGatewayLocator
    {
        public Task<Uri> GetGatewayUrlAsync(CancellationToken cancellationToken) => Task.FromResult(url);
    }

    private sealed class StoppingLifetime : IHostApplicationLifetime
    {
        public bool Stopped { get; private set; }

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => Stopped = true;
    }
}
