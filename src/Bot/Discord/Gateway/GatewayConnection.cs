using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using CourseBot.Bot.Discord.Interactions;

namespace CourseBot.Bot.Discord.Gateway;

/// <summary>
/// One gateway WebSocket, from Hello to close: heartbeats on their own task, Identify or Resume, and a
/// receive loop that only reads, records the sequence and hands interactions to the queue.
/// </summary>
public sealed partial class GatewayConnection(
    string token,
    GatewaySession session,
    InteractionQueue queue,
    GatewayTimings timings,
    TimeProvider time,
    ILogger logger)
{
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly ArrayBufferWriter<byte> _received = new(4096);
    private ClientWebSocket _socket = null!;
    private volatile bool _acknowledged = true;
    private volatile bool _zombie;

    /// <summary>Raised (on the receive loop) when READY or RESUMED arrives.</summary>
    public event Action? Ready;

    public async Task<ConnectionEnd> RunAsync(Uri gateway, bool resume, CancellationToken stopping)
    {
        using var socket = new ClientWebSocket();
        _socket = socket;
        using var heartbeatStop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var heartbeat = Task.CompletedTask;
        var wasReady = false;
        Ready += () => wasReady = true;
        try
        {
            int interval;
            using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(stopping))
            {
                connecting.CancelAfter(timings.ConnectTimeout);
                try
                {
                    await socket.ConnectAsync(new Uri(gateway, "?v=10&encoding=json"), connecting.Token);
                    interval = await HelloAsync(connecting.Token);
                }
                catch (Exception e) when (e is WebSocketException or OperationCanceledException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException && !stopping.IsCancellationRequested)
                {
                    return new ConnectionEnd.Failed($"connecting to {gateway.Host}: {e.Message}");
                }
            }

            heartbeat = HeartbeatAsync(TimeSpan.FromMilliseconds(interval), heartbeatStop.Token);
            if (resume)
            {
                await SendAsync(Resume(), stopping);
            }
            else
            {
                // The identify gate was passed before connecting: nothing may wait between Hello and the receive loop.
                await SendAsync(Identify(), stopping);
            }

            return await ReceiveLoopAsync(stopping) with { WasReady = wasReady };
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException && !stopping.IsCancellationRequested)
        {
            return _zombie ? new ConnectionEnd.Zombie { WasReady = wasReady } : new ConnectionEnd.Closed(null, e.Message) { WasReady = wasReady };
        }
        finally
        {
            await heartbeatStop.CancelAsync();
            await heartbeat;
        }
    }

    private async Task<int> HelloAsync(CancellationToken cancellationToken)
    {
        if (!await ReceiveAsync(cancellationToken))
        {
            throw new WebSocketException($"closed before Hello ({_socket.CloseStatus} {_socket.CloseStatusDescription})");
        }

        using var hello = JsonDocument.Parse(_received.WrittenMemory);
        return hello.RootElement.GetProperty("op").GetInt32() == GatewayOpcode.Hello
            ? hello.RootElement.GetProperty("d").GetProperty("heartbeat_interval").GetInt32()
            : throw new JsonException("the first message was not Hello");
    }

    private async Task<ConnectionEnd> ReceiveLoopAsync(CancellationToken stopping)
    {
        while (await ReceiveAsync(stopping))
        {
            var receivedAt = time.GetTimestamp();
            (int Op, bool Resumable) frame;
            try
            {
                frame = Read(receivedAt);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                // Not what the protocol promises: trust nothing more on this socket, reconnect (resuming).
                LogMalformed(e.Message);
                await CloseAsync(GatewayCloseCodes.ZombieConnection, "malformed frame");
                return new ConnectionEnd.Failed($"malformed gateway frame: {e.Message}");
            }

            switch (frame.Op)
            {
                case GatewayOpcode.Heartbeat:
                    await SendAsync(Heartbeat(), stopping);
                    break;
                case GatewayOpcode.HeartbeatAck:
                    _acknowledged = true;
                    break;
                case GatewayOpcode.Reconnect:
                    await CloseAsync(GatewayCloseCodes.ZombieConnection, "reconnect requested");
                    return new ConnectionEnd.ReconnectRequested();
                case GatewayOpcode.InvalidSession:
                    await CloseAsync(GatewayCloseCodes.ZombieConnection, "invalid session");
                    return new ConnectionEnd.InvalidSession(frame.Resumable);
            }
        }

        return _zombie
            ? new ConnectionEnd.Zombie()
            : new ConnectionEnd.Closed((int?)_socket.CloseStatus, _socket.CloseStatusDescription);
    }

    /// <summary>Parses the frame just received, records its sequence and handles dispatches; throws on a malformed one.</summary>
    private (int Op, bool Resumable) Read(long receivedAt)
    {
        using var message = JsonDocument.Parse(_received.WrittenMemory);
        var root = message.RootElement;
        if (root.TryGetProperty("s", out var s) && s.ValueKind == JsonValueKind.Number)
        {
            session.Saw(s.GetInt64());
        }

        var op = root.GetProperty("op").GetInt32();
        if (op == GatewayOpcode.Dispatch)
        {
            Dispatch(root.GetProperty("t").GetString(), root.GetProperty("d"), receivedAt);
        }

        return (op, op == GatewayOpcode.InvalidSession && root.TryGetProperty("d", out var d) && d.ValueKind == JsonValueKind.True);
    }

    private void Dispatch(string? type, JsonElement data, long receivedAt)
    {
        switch (type)
        {
            case "READY":
                session.Started(data.GetProperty("session_id").GetString()!, new Uri(data.GetProperty("resume_gateway_url").GetString()!));
                Ready?.Invoke();
                break;
            case "RESUMED":
                Ready?.Invoke();
                break;
            case "INTERACTION_CREATE":
                queue.Enqueue(new ReceivedInteraction(Encoding.UTF8.GetBytes(data.GetRawText()), receivedAt));
                break;
        }
    }

    /// <summary>First beat after a random fraction of the interval, then every interval; a beat still unacknowledged means a zombie.</summary>
    private async Task HeartbeatAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(interval * timings.Jitter(), time, cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                if (!_acknowledged)
                {
                    _zombie = true;
                    LogZombie(interval.TotalMilliseconds);
                    await CloseAsync(GatewayCloseCodes.ZombieConnection, "no heartbeat ACK");

                    // A zombie will not answer the close either; stop the receive loop now.
                    _socket.Abort();
                    return;
                }

                _acknowledged = false;
                await SendAsync(Heartbeat(), cancellationToken);
                await Task.Delay(interval, time, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The connection is over; its heartbeat goes with it.
        }
        catch (WebSocketException e)
        {
            LogHeartbeatFailed(e.Message);
        }
    }

    /// <summary>Reads one whole message; false when the socket closed.</summary>
    private async Task<bool> ReceiveAsync(CancellationToken cancellationToken)
    {
        _received.ResetWrittenCount();
        while (true)
        {
            var result = await _socket.ReceiveAsync(_received.GetMemory(4096), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return false;
            }

            _received.Advance(result.Count);
            if (result.EndOfMessage)
            {
                return true;
            }
        }
    }

    private async Task SendAsync(byte[] payload, CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(payload, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>Closes with a code other than 1000/1001, which keeps the session resumable.</summary>
    private async Task CloseAsync(int code, string reason)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await _socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, timeout.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // A zombie may not even take a close frame; dropping it is the point.
            _socket.Abort();
        }
    }

    private byte[] Identify() => Payload(GatewayOpcode.Identify, json =>
    {
        json.WriteStartObject();
        json.WriteString("token", token);
        json.WriteNumber("intents", 0);
        json.WriteStartObject("properties");
        json.WriteString("os", "linux");
        json.WriteString("browser", "coursebot");
        json.WriteString("device", "coursebot");
        json.WriteEndObject();
        json.WriteEndObject();
    });

    private byte[] Resume() => Payload(GatewayOpcode.Resume, json =>
    {
        json.WriteStartObject();
        json.WriteString("token", token);
        json.WriteString("session_id", session.Id);
        WriteSequence(json, "seq");
        json.WriteEndObject();
    });

    private byte[] Heartbeat() => Payload(GatewayOpcode.Heartbeat, json => WriteSequence(json, null));

    private void WriteSequence(Utf8JsonWriter json, string? name)
    {
        if (name is not null)
        {
            json.WritePropertyName(name);
        }

        if (session.Sequence is { } sequence)
        {
            json.WriteNumberValue(sequence);
        }
        else
        {
            json.WriteNullValue();
        }
    }

    private static byte[] Payload(int op, Action<Utf8JsonWriter> data)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("op", op);
            json.WritePropertyName("d");
            data(json);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway: no heartbeat ACK within {Interval} ms; reconnecting to resume")]
    private partial void LogZombie(double interval);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway: malformed frame ({Problem}); reconnecting")]
    private partial void LogMalformed(string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway: sending a heartbeat failed ({Problem})")]
    private partial void LogHeartbeatFailed(string problem);
}
