using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using CourseBot.Bot.Slack.Wire;

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
/// One Socket Mode WebSocket: waits for <c>hello</c>, then reads envelopes and hands each to
/// <see cref="OnEnvelope"/> without waiting for its work; acknowledgements go back on this socket.
/// </summary>
public sealed partial class SocketModeConnection(Uri url, SocketModeTimings timings) : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly ArrayBufferWriter<byte> _received = new(8192);
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
        // The ping watchdog: a socket that stops answering pings is aborted, and the receive loop ends.
        _socket.Options.KeepAliveInterval = timings.PingInterval;
        _socket.Options.KeepAliveTimeout = timings.PingTimeout;
        using var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connecting.CancelAfter(timings.HelloTimeout);
        await _socket.ConnectAsync(url, connecting.Token);
        var hello = await ReceiveAsync(connecting.Token);
        if (hello?["type"]?.GetValue<string>() != "hello")
        {
            throw new WebSocketException($"Slack sent {hello?["type"]} instead of hello");
        }
    }

    /// <summary>Reads until the connection ends; says why (and records it in <see cref="EndReason"/>).</summary>
    public async Task<SocketEnd> RunAsync(CancellationToken cancellationToken)
    {
        try
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
                    EndReason = $"Slack closed it ({_socket.CloseStatus} {_socket.CloseStatusDescription})";
                    break;
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
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            // Dropped, or aborted by the ping watchdog (which surfaces as a cancelled or failed receive).
            EndReason = $"{e.GetType().Name}: {e.Message}";
        }

        EndReason ??= "shutting down";
        return SocketEnd.Dropped;
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

        await _sending.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(ack, WebSocketMessageType.Text, true, cancellationToken);
        }
        finally
        {
            _sending.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "replaced", timeout.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                // It was going away anyway.
            }
        }

        _socket.Dispose();
    }

    private async Task<JsonObject?> ReceiveAsync(CancellationToken cancellationToken)
    {
        _received.ResetWrittenCount();
        while (true)
        {
            var result = await _socket.ReceiveAsync(_received.GetMemory(8192), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            _received.Advance(result.Count);
            if (result.EndOfMessage)
            {
                // Valid JSON that is not an object has no type and is ignored; null means closed.
                return JsonNode.Parse(_received.WrittenSpan) as JsonObject ?? [];
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode: skipped a frame that is not JSON ({Problem})")]
    private static partial void LogUnreadableFrame(ILogger logger, string problem);
}
