using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using CourseBot.Bot.Discord.Interactions;
using CourseBot.Bot.WebSockets;

namespace CourseBot.Bot.Discord.Gateway;

/// <summary>
/// The gateway protocol on one connection, from Hello to close: heartbeats on their own task, Identify or
/// Resume, and a receive loop that only reads, records the sequence and hands interactions and new messages
/// to their queues.
/// The socket itself (whole messages, one sender at a time, why it ended) is an <see cref="IJsonWebSocket"/>.
/// </summary>
public sealed partial class GatewayConnection(
    string token,
    GatewaySession session,
    InteractionQueue queue,
    MessageQueue messages,
    IdentifyGate identifies,
    IJsonWebSocketFactory sockets,
    GatewayTimings timings,
    TimeProvider time,
    ILogger logger)
{
    private IJsonWebSocket _socket = null!;
    private volatile bool _acknowledged = true;
    private volatile bool _zombie;

    /// <summary>Raised (on the receive loop) when READY or RESUMED arrives.</summary>
    public event Action? Ready;

    public async Task<ConnectionEnd> RunAsync(Uri gateway, bool resume, CancellationToken stopping)
    {
        await using var socket = sockets.Create(new JsonWebSocketOptions { ConnectTimeout = timings.ConnectTimeout });
        _socket = socket;
        using var heartbeatStop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var heartbeat = Task.CompletedTask;
        var wasReady = false;
        Ready += () => wasReady = true;
        try
        {
            int interval;
            using (var helloDue = new CancellationTokenSource(timings.ConnectTimeout, time))
            using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(stopping, helloDue.Token))
            {
                try
                {
                    await socket.ConnectAsync(new Uri(gateway, "?v=10&encoding=json"), connecting.Token);
                    interval = await HelloAsync(connecting.Token);
                }
                catch (Exception e) when (e is WebSocketException or TimeoutException or OperationCanceledException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException && !stopping.IsCancellationRequested)
                {
                    var problem = helloDue.IsCancellationRequested ? $"no Hello within {timings.ConnectTimeout.TotalSeconds:0.###} s" : e.Message;
                    return new ConnectionEnd.Failed($"connecting to {gateway.Host}: {problem}");
                }
            }

            heartbeat = HeartbeatAsync(TimeSpan.FromMilliseconds(interval), heartbeatStop.Token);
            if (resume)
            {
                await socket.SendAsync(Resume(), stopping);
            }
            else
            {
                // The identify gate was passed before connecting: nothing may wait between Hello and the receive loop.
                await socket.SendAsync(Identify(), stopping);
                identifies.Sent();
            }

            return await ReceiveLoopAsync(stopping) with { WasReady = wasReady };
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException && !stopping.IsCancellationRequested)
        {
            // Sending Identify, Resume or a requested beat failed: the socket is gone.
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
        var message = await _socket.ReceiveAsync(cancellationToken)
            ?? throw new WebSocketException($"no Hello: {_socket.Ended}");
        using var hello = JsonDocument.Parse(message);
        return hello.RootElement.GetProperty("op").GetInt32() == GatewayOpcode.Hello
            ? hello.RootElement.GetProperty("d").GetProperty("heartbeat_interval").GetInt32()
            : throw new JsonException("the first message was not Hello");
    }

    private async Task<ConnectionEnd> ReceiveLoopAsync(CancellationToken stopping)
    {
        while (await _socket.ReceiveAsync(stopping) is { } message)
        {
            var receivedAt = time.GetTimestamp();
            (int Op, bool Resumable) frame;
            try
            {
                frame = Read(message, receivedAt);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                // Not what the protocol promises: trust nothing more on this socket, reconnect (resuming).
                LogMalformed(e.Message);
                await _socket.CloseAsync(GatewayCloseCodes.ZombieConnection, "malformed frame");
                return new ConnectionEnd.Failed($"malformed gateway frame: {e.Message}");
            }

            switch (frame.Op)
            {
                case GatewayOpcode.Heartbeat:
                    await _socket.SendAsync(Heartbeat(), stopping);
                    break;
                case GatewayOpcode.HeartbeatAck:
                    _acknowledged = true;
                    break;
                case GatewayOpcode.Reconnect:
                    await _socket.CloseAsync(GatewayCloseCodes.ZombieConnection, "reconnect requested");
                    return new ConnectionEnd.ReconnectRequested();
                case GatewayOpcode.InvalidSession:
                    await _socket.CloseAsync(GatewayCloseCodes.ZombieConnection, "invalid session");
                    return new ConnectionEnd.InvalidSession(frame.Resumable);
            }
        }

        return _zombie
            ? new ConnectionEnd.Zombie()
            : _socket.Ended switch
            {
                WebSocketEnd.Closed closed => new ConnectionEnd.Closed(closed.Code, closed.Reason),
                var end => new ConnectionEnd.Closed(null, end?.ToString()),
            };
    }

    /// <summary>Parses the frame just received, records its sequence and handles dispatches; throws on a malformed one.</summary>
    private (int Op, bool Resumable) Read(ReadOnlyMemory<byte> received, long receivedAt)
    {
        using var message = JsonDocument.Parse(received);
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
                var user = data.TryGetProperty("user", out var u) && u.ValueKind == JsonValueKind.Object && u.TryGetProperty("id", out var id) ? id.GetString() : null;
                session.Started(data.GetProperty("session_id").GetString()!, new Uri(data.GetProperty("resume_gateway_url").GetString()!), user);
                Ready?.Invoke();
                break;
            case "RESUMED":
                Ready?.Invoke();
                break;
            case "INTERACTION_CREATE":
                queue.Enqueue(new ReceivedInteraction(Encoding.UTF8.GetBytes(data.GetRawText()), receivedAt));
                break;
            case "MESSAGE_CREATE":
                // Only new messages: edits (MESSAGE_UPDATE) and deletions are never questions.
                messages.Enqueue(new ReceivedMessage(Encoding.UTF8.GetBytes(data.GetRawText()), session.UserId));
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

                    // A zombie will not answer the close either: the socket drops it after a short wait, and the receive loop ends.
                    await _socket.CloseAsync(GatewayCloseCodes.ZombieConnection, "no heartbeat ACK");
                    return;
                }

                _acknowledged = false;
                await _socket.SendAsync(Heartbeat(), cancellationToken);
                await Task.Delay(interval, time, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The connection is over; its heartbeat goes with it.
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException)
        {
            LogHeartbeatFailed(e.Message);
        }
    }

    private byte[] Identify() => Payload(GatewayOpcode.Identify, json =>
    {
        json.WriteStartObject();
        json.WriteString("token", token);
        json.WriteNumber("intents", GatewayIntents.Requested);
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
