using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using CourseBot.Bot.Slack.Wire;
using CourseBot.Bot.WebSockets;

namespace CourseBot.Bot.Slack;

/// <summary>Why a Socket Mode connection ended.</summary>
public enum SocketEnd
{
    /// <summary>Socket Mode was switched off for the app: reconnecting cannot help.</summary>
    LinkDisabled,

    /// <summary>The socket closed, dropped, or went silent (no pong).</summary>
    Dropped,
}

/// <summary>
/// The Socket Mode protocol on one connection: waits for <c>hello</c>, then reads envelopes and hands each
/// to <see cref="OnEnvelope"/> without waiting for its work; acknowledgements go back on this socket. The
/// socket itself (whole messages, one sender at a time, why it ended) is an <see cref="IJsonWebSocket"/>.
/// </summary>
public sealed partial class SocketModeConnection(Uri url, IJsonWebSocketFactory sockets, SocketModeTimings timings) : IAsyncDisposable
{
    // The ping watchdog: a socket that stops answering pings is dropped, and the receive loop ends.
    private readonly IJsonWebSocket _socket = sockets.Create(new JsonWebSocketOptions
    {
        ConnectTimeout = timings.ConnectTimeout, PingInterval = timings.PingInterval, PingTimeout = timings.PingTimeout,
    });
    private readonly TaskCompletionSource _refresh = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Task> _inFlight = [];

    /// <summary>Completes when Slack announces this connection's end (<c>warning</c>, <c>refresh_requested</c>); it keeps reading until replaced.</summary>
    public Task RefreshRequested => _refresh.Task;

    /// <summary>Called on the receive loop for every envelope; must not block.</summary>
    public required Action<SocketModeConnection, JsonObject, long> OnEnvelope { get; init; }

    public required TimeProvider Time { get; init; }

    public required ILogger Logger { get; init; }

    /// <summary>Why the connection ended, once it has (for the log).</summary>
    public string? EndReason { get; private set; }

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        using var helloDue = new CancellationTokenSource(timings.ConnectTimeout, Time);
        using var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, helloDue.Token);
        await _socket.ConnectAsync(url, connecting.Token);
        var hello = await ReceiveAsync(connecting.Token);
        if (hello?["type"]?.GetValue<string>() != "hello")
        {
            throw new WebSocketException(hello is null ? $"no hello: the socket {_socket.Ended}" : $"Slack sent {hello["type"]} instead of hello");
        }
    }

    /// <summary>Reads until the connection ends; says why (and records it in <see cref="EndReason"/>).</summary>
    public async Task<SocketEnd> RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            JsonObject? message;
            try
            {
                message = await ReceiveAsync(cancellationToken);
            }
            catch (JsonException e)
            {
                // One unreadable frame is no reason to drop the connection (or the service).
                LogUnreadableFrame(Logger, e.Message);
                continue;
            }

            if (message is null)
            {
                // Closed by Slack, dropped, or aborted by the ping watchdog (a socket that stopped answering pings).
                EndReason = _socket.Ended is WebSocketEnd.Closed closed ? $"Slack closed it ({closed.Code} {closed.Reason})" : _socket.Ended?.ToString();
                return SocketEnd.Dropped;
            }

            var receivedAt = Time.GetTimestamp();
            switch (message["type"]?.GetValue<string>())
            {
                case "disconnect" when message["reason"]?.GetValue<string>() == "link_disabled":
                    EndReason = "link_disabled";
                    return SocketEnd.LinkDisabled;
                case "disconnect":
                    // Keep reading: envelopes may still arrive here until the replacement is open.
                    _refresh.TrySetResult();
                    break;
                case "events_api" or "slash_commands" or "interactive":
                    OnEnvelope(this, message, receivedAt);
                    break;
            }
        }
    }

    /// <summary>Remembers work started for an envelope from this socket, so the socket outlives its acknowledgement.</summary>
    public void Track(Task work)
    {
        lock (_inFlight)
        {
            _inFlight.RemoveAll(t => t.IsCompleted);
            _inFlight.Add(work);
        }
    }

    /// <summary>Waits (at most <paramref name="limit"/>) until the work started from this socket has finished; false when it had not.</summary>
    public async Task<bool> DrainAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        Task[] pending;
        lock (_inFlight)
        {
            pending = _inFlight.Where(t => !t.IsCompleted).ToArray();
        }

        try
        {
            // Only completion matters here; each envelope's work logs its own failures.
            await Task.WhenAll(pending.Select(t => t.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)))
                .WaitAsync(limit, Time, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Acknowledges an envelope, with the response payload for a slash command.</summary>
    public async Task AckAsync(string envelopeId, SlackResponse? payload, CancellationToken cancellationToken)
    {
        var ack = JsonSerializer.SerializeToUtf8Bytes(new SocketModeAck(envelopeId, payload), SlackJson.Default.SocketModeAck);

        await _socket.SendAsync(ack, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _socket.CloseAsync((int)WebSocketCloseStatus.NormalClosure, "replaced");
        await _socket.DisposeAsync();
    }

    /// <summary>The next message as a JSON object; null when the socket ended.</summary>
    private async Task<JsonObject?> ReceiveAsync(CancellationToken cancellationToken)
    {
        if (await _socket.ReceiveAsync(cancellationToken) is not { } message)
        {
            return null;
        }

        // Valid JSON that is not an object has no type and is ignored; null means closed.
        return JsonNode.Parse(message.Span) as JsonObject ?? [];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode: skipped a frame that is not JSON ({Problem})")]
    private static partial void LogUnreadableFrame(ILogger logger, string problem);
}
