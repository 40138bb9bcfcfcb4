using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CourseBot.Bot.Tests.Running;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CourseBot.Bot.Tests.Discord.Gateway;

/// <summary>A frame the fake received: which connection, on which path (/ or /resume), its opcode and data.</summary>
public sealed record GatewayFrame(int Connection, string Path, int Op, JsonElement Data, DateTimeOffset At);

/// <summary>
/// Discord's gateway on loopback, following gateway.mdx: Hello, ACKs, READY for Identify (with a
/// resume URL on its own /resume path), RESUMED for a good Resume. Tests make it misbehave: stop
/// ACKing, send op 1/7/9, close with any code, drop the socket.
/// </summary>
public sealed class FakeDiscordGateway : IAsyncDisposable
{
    public const string SessionId = "fake-session-1";

    /// <summary>The bot's own user id, as READY names it (the application's id, as for a real bot).</summary>
    public const string BotUserId = "1100000000000000001";
    private readonly TimeProvider _time;
    private WebApplication _app = null!;
    private readonly List<Peer> _peers = [];
    private long _sequence;

    public Uri Url { get; private set; } = null!;

    /// <summary>
    /// Long by default: a short interval turns a busy machine's late ACK into a zombie reconnect that a
    /// test about something else does not expect. Tests about heartbeats set a short one.
    /// </summary>
    public int HeartbeatInterval { get; set; } = 30_000;

    public bool AckHeartbeats { get; set; } = true;

    /// <summary>The resume_gateway_url READY names; by default this fake's own /resume path.</summary>
    public Uri? ResumeGatewayUrl { get; set; }

    public ConcurrentQueue<GatewayFrame> Received { get; } = new();

    /// <summary>Close codes the client closed connections with, in order.</summary>
    public ConcurrentQueue<int?> ClientCloses { get; } = new();

    /// <summary>When each connection was sent its Hello.</summary>
    public ConcurrentDictionary<int, DateTimeOffset> HelloSent { get; } = new();

    public int Connections
    {
        get
        {
            lock (_peers)
            {
                return _peers.Count;
            }
        }
    }

    public IEnumerable<GatewayFrame> Frames(int op) => Received.Where(f => f.Op == op);

    private FakeDiscordGateway(TimeProvider time) => _time = time;

    /// <param name="time">The clock frames and Hellos are stamped with; the system clock unless the bot shares a fake one.</param>
    public static async Task<FakeDiscordGateway> StartAsync(TimeProvider? time = null)
    {
        var fake = new FakeDiscordGateway(time ?? TimeProvider.System);
        var (app, root) = await LoopbackApp.StartAsync(app => app.Map("/{**path}", (Delegate)fake.AcceptAsync));
        fake._app = app;
        fake.Url = new Uri(root.ToString().Replace("http://", "ws://", StringComparison.Ordinal));
        return fake;
    }

    /// <summary>A dispatch (op 0) with the next sequence number, to the newest connection.</summary>
    public Task DispatchAsync(string type, JsonNode? data) =>
        Newest().SendAsync(new JsonObject { ["op"] = 0, ["t"] = type, ["s"] = Interlocked.Increment(ref _sequence), ["d"] = data });

    public Task SendAsync(int op, JsonNode? data = null) => Newest().SendAsync(new JsonObject { ["op"] = op, ["d"] = data });

    /// <summary>Any text as one frame, to the newest connection: for frames Discord would never send.</summary>
    public Task SendRawAsync(string text) => Newest().SendRawAsync(text);

    public Task CloseAsync(int code) => Newest().Socket.CloseOutputAsync((WebSocketCloseStatus)code, "fake close", CancellationToken.None);

    public void Drop() => Newest().Socket.Abort();

    public long LastSequence => Interlocked.Read(ref _sequence);

    public async ValueTask DisposeAsync()
    {
        lock (_peers)
        {
            foreach (var peer in _peers)
            {
                peer.Socket.Abort();
            }
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private Peer Newest()
    {
        lock (_peers)
        {
            return _peers[^1];
        }
    }

    private async Task AcceptAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest || http.Request.Query["v"] != "10" || http.Request.Query["encoding"] != "json")
        {
            http.Response.StatusCode = 400;
            return;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        Peer peer;
        lock (_peers)
        {
            peer = new Peer(_peers.Count + 1, http.Request.Path, socket);
            _peers.Add(peer);
        }

        HelloSent[peer.Number] = _time.GetUtcNow();
        await peer.SendAsync(new JsonObject { ["op"] = 10, ["d"] = new JsonObject { ["heartbeat_interval"] = HeartbeatInterval } });
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, http.RequestAborted);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    ClientCloses.Enqueue((int?)result.CloseStatus);

                    // A client can answer a frame before our send of it has returned: let that send finish
                    // before the socket is disposed, or the test that sent it sees a spurious failure.
                    await peer.SendsFinishedAsync();
                    return;
                }

                using var frame = JsonDocument.Parse(buffer.AsMemory(0, result.Count));
                var op = frame.RootElement.GetProperty("op").GetInt32();
                var data = frame.RootElement.GetProperty("d").Clone();
                Received.Enqueue(new GatewayFrame(peer.Number, peer.Path, op, data, _time.GetUtcNow()));
                await AnswerAsync(peer, op, data);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The client (or a test) dropped the connection.
        }
    }

    private Task AnswerAsync(Peer peer, int op, JsonElement data) => op switch
    {
        1 when AckHeartbeats => peer.SendAsync(new JsonObject { ["op"] = 11 }),
        2 => peer.SendAsync(new JsonObject
        {
            ["op"] = 0, ["t"] = "READY", ["s"] = Interlocked.Increment(ref _sequence),
            ["d"] = new JsonObject
            {
                ["v"] = 10, ["session_id"] = SessionId, ["resume_gateway_url"] = (ResumeGatewayUrl ?? new Uri(Url, "resume")).ToString(),
                ["user"] = new JsonObject { ["id"] = BotUserId, ["username"] = "CourseBot", ["bot"] = true },
                ["guilds"] = new JsonArray(), ["application"] = new JsonObject { ["id"] = "1100000000000000001", ["flags"] = 0 },
            },
        }),
        6 when data.GetProperty("session_id").GetString() == SessionId =>
            peer.SendAsync(new JsonObject { ["op"] = 0, ["t"] = "RESUMED", ["s"] = Interlocked.Increment(ref _sequence), ["d"] = null }),
        6 => peer.SendAsync(new JsonObject { ["op"] = 9, ["d"] = false }),
        _ => Task.CompletedTask,
    };

    private sealed class Peer(int number, string path, WebSocket socket)
    {
        private readonly SemaphoreSlim _sending = new(1, 1);

        public int Number { get; } = number;

        public string Path { get; } = path;

        public WebSocket Socket { get; } = socket;

        public Task SendAsync(JsonNode payload) => SendRawAsync(payload.ToJsonString());

        public async Task SendsFinishedAsync()
        {
            await _sending.WaitAsync();
            _sending.Release();
        }

        public async Task SendRawAsync(string text)
        {
            await _sending.WaitAsync();
            try
            {
                await Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
            }
            finally
            {
                _sending.Release();
            }
        }
    }
}
