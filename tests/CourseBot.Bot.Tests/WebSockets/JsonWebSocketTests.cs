using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using CourseBot.Bot.WebSockets;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.WebSockets;

/// <summary>The one WebSocket transport against a loopback server: whole messages, one sender at a time, closes and why it ended.</summary>
public sealed class JsonWebSocketTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_message_split_across_many_frames_arrives_whole()
    {
        var message = Json(new { text = new string('x', 3000), n = 1 });
        await using var server = await LoopbackWebSocketServer.StartAsync(async socket =>
        {
            for (var offset = 0; offset < message.Length; offset += 30)
            {
                var frame = message.AsMemory(offset, Math.Min(30, message.Length - offset));
                await socket.SendAsync(frame, WebSocketMessageType.Text, offset + 30 >= message.Length, CancellationToken.None);
            }

            await socket.SendAsync(Json(new { n = 2 }), WebSocketMessageType.Text, true, CancellationToken.None);
            await socket.ReceiveAsync(new byte[16], CancellationToken.None);
        });
        await using var client = Client(new JsonWebSocketOptions());
        await client.ConnectAsync(server.Url, CancellationToken.None);

        var first = await client.ReceiveAsync(CancellationToken.None).AsTask().WaitAsync(Patience);
        Assert.Equal(message, first!.Value.ToArray());
        var second = await client.ReceiveAsync(CancellationToken.None).AsTask().WaitAsync(Patience);
        Assert.Equal("{\"n\":2}", Encoding.UTF8.GetString(second!.Value.Span));
    }

    [Fact]
    public async Task A_message_larger_than_the_pooled_buffer_arrives_whole_and_so_does_the_next()
    {
        var large = Json(new { text = string.Concat(Enumerable.Range(0, 40_000).Select(i => i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture))) });
        await using var server = await LoopbackWebSocketServer.StartAsync(async socket =>
        {
            await socket.SendAsync(large, WebSocketMessageType.Text, true, CancellationToken.None);
            await socket.SendAsync(Json(new { after = true }), WebSocketMessageType.Text, true, CancellationToken.None);
            await socket.ReceiveAsync(new byte[16], CancellationToken.None);
        });
        await using var client = Client(new JsonWebSocketOptions { ReceiveBufferSize = 1024 });
        await client.ConnectAsync(server.Url, CancellationToken.None);

        // A message is valid until the next read: keep a copy.
        var first = (await client.ReceiveAsync(CancellationToken.None).AsTask().WaitAsync(Patience))!.Value.ToArray();
        var second = await client.ReceiveAsync(CancellationToken.None).AsTask().WaitAsync(Patience);

        Assert.True(large.Length > 200 * 1024, "the message is far larger than the 1 KiB buffer");
        Assert.Equal(large, first);
        Assert.Equal("{\"after\":true}", Encoding.UTF8.GetString(second!.Value.Span));
    }

    [Fact]
    public async Task Two_concurrent_senders_never_interleave_their_frames()
    {
        const int PerSender = 40;
        var received = new List<string>();
        await using var server = await LoopbackWebSocketServer.StartAsync(async socket =>
        {
            var buffer = new byte[4096];
            using var message = new MemoryStream();
            while (received.Count < 2 * PerSender)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    received.Add(Encoding.UTF8.GetString(message.ToArray()));
                    message.SetLength(0);
                }
            }
        });

        // Small frames: every message goes out in about twenty, so two unserialised senders would mix them.
        await using var client = Client(new JsonWebSocketOptions { MaxFrameSize = 512 });
        await client.ConnectAsync(server.Url, CancellationToken.None);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task SendAllAsync(string sender)
        {
            await start.Task;
            for (var n = 0; n < PerSender; n++)
            {
                await client.SendAsync(Json(new { sender, n, pad = new string(sender[0], 10_000) }), CancellationToken.None);
            }
        }

        var senders = Task.WhenAll(Task.Run(() => SendAllAsync("a")), Task.Run(() => SendAllAsync("b")));
        start.SetResult();
        await senders.WaitAsync(Patience);
        await server.Finished.WaitAsync(Patience);

        var messages = received.Select(text => JsonDocument.Parse(text).RootElement).ToList();
        foreach (var sender in new[] { "a", "b" })
        {
            var mine = messages.Where(m => m.GetProperty("sender").GetString() == sender).ToList();
            Assert.Equal(Enumerable.Range(0, PerSender), mine.Select(m => m.GetProperty("n").GetInt32()));
            Assert.All(mine, m => Assert.Equal(new string(sender[0], 10_000), m.GetProperty("pad").GetString()));
        }
    }

    [Fact]
    public async Task A_close_from_the_peer_is_reported_with_its_code_and_reason()
    {
        await using var server = await LoopbackWebSocketServer.StartAsync(async socket =>
        {
            await socket.CloseOutputAsync((WebSocketCloseStatus)4321, "gone fishing", CancellationToken.None);
            await socket.ReceiveAsync(new byte[16], CancellationToken.None);
        });
        await using var client = Client(new JsonWebSocketOptions());
        await client.ConnectAsync(server.Url, CancellationToken.None);

        var message = await client.ReceiveAsync(CancellationToken.None).AsTask().WaitAsync(Patience);

        Assert.Null(message);
        Assert.Equal(new WebSocketEnd.Closed(4321, "gone fishing"), client.Ended);
        Assert.Null(await client.ReceiveAsync(CancellationToken.None).AsTask().WaitAsync(Patience));
    }

    [Fact]
    public async Task Closing_sends_the_code_and_reason_and_reports_the_peers_answer()
    {
        var closed = new TaskCompletionSource<(WebSocketCloseStatus?, string?)>();
        await using var server = await LoopbackWebSocketServer.StartAsync(async socket =>
        {
            var result = await socket.ReceiveAsync(new byte[16], CancellationToken.None);
            closed.SetResult((result.CloseStatus, result.CloseStatusDescription));
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye to you too", CancellationToken.None);
        });
        await using var client = Client(new JsonWebSocketOptions());
        await client.ConnectAsync(server.Url, CancellationToken.None);

        await client.CloseAsync(4900, "bye").WaitAsync(Patience);

        Assert.Equal(((WebSocketCloseStatus)4900, "bye"), await closed.Task.WaitAsync(Patience));
        Assert.Equal(new WebSocketEnd.Closed(1000, "bye to you too"), client.Ended);
        Assert.Null(await client.ReceiveAsync(CancellationToken.None).AsTask().WaitAsync(Patience));
    }

    [Fact]
    public async Task A_dropped_connection_is_reported_as_failed_and_a_cancelled_read_as_cancelled()
    {
        var drop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackWebSocketServer.StartAsync(async socket =>
        {
            await drop.Task;
            socket.Abort();
        });
        await using var dropped = Client(new JsonWebSocketOptions());
        await dropped.ConnectAsync(server.Url, CancellationToken.None);

        var reading = dropped.ReceiveAsync(CancellationToken.None).AsTask();
        drop.SetResult();
        Assert.Null(await reading.WaitAsync(Patience));
        Assert.IsType<WebSocketEnd.Failed>(dropped.Ended);

        await using var quiet = await LoopbackWebSocketServer.StartAsync(socket => socket.ReceiveAsync(new byte[16], CancellationToken.None));
        await using var cancelled = Client(new JsonWebSocketOptions());
        await cancelled.ConnectAsync(quiet.Url, CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var waiting = cancelled.ReceiveAsync(stop.Token).AsTask();
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Patience));
        Assert.IsType<WebSocketEnd.Cancelled>(cancelled.Ended);
    }

    [Fact]
    public async Task Connecting_to_a_server_that_accepts_but_never_upgrades_times_out_on_the_clock()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var url = new Uri($"ws://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
            var time = new FakeTimeProvider();
            await using var client = new JsonWebSocket(new JsonWebSocketOptions { ConnectTimeout = TimeSpan.FromSeconds(30) }, time);

            var connecting = client.ConnectAsync(url, CancellationToken.None);
            using var accepted = await listener.AcceptTcpClientAsync().WaitAsync(Patience);
            time.Advance(TimeSpan.FromSeconds(29));
            Assert.False(connecting.IsCompleted, "gave up before the timeout");
            time.Advance(TimeSpan.FromSeconds(1));

            var timeout = await Assert.ThrowsAsync<TimeoutException>(() => connecting.WaitAsync(Patience));
            Assert.Contains($"127.0.0.1:{url.Port}", timeout.Message);
            Assert.Contains("30 s", timeout.Message);
        }
        finally
        {
            listener.Stop();
        }
    }

    private static JsonWebSocket Client(JsonWebSocketOptions options) => new(options, TimeProvider.System);

    private static byte[] Json<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value);
}
