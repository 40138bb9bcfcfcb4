namespace CourseBot.Bot.WebSockets;

/// <summary>How one <see cref="IJsonWebSocket"/> connects, pings and buffers.</summary>
public sealed record JsonWebSocketOptions
{
    /// <summary>How long the WebSocket handshake may take before connecting fails with a <see cref="TimeoutException"/>.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a close waits for the peer's answer before the socket is dropped instead.</summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often to ping; null keeps the runtime's default (unsolicited pongs every 30 s, no watchdog).</summary>
    public TimeSpan? PingInterval { get; init; }

    /// <summary>A ping unanswered for this long drops the socket (the watchdog for half-open connections); null: never.</summary>
    public TimeSpan? PingTimeout { get; init; }

    /// <summary>The pooled receive buffer's first size; it grows (from the pool) for larger messages.</summary>
    public int ReceiveBufferSize { get; init; } = 8 * 1024;

    /// <summary>
    /// Messages longer than this go out in several frames. Both platforms' messages are far smaller;
    /// the limit keeps one huge send from holding a single frame of unbounded size.
    /// </summary>
    public int MaxFrameSize { get; init; } = 64 * 1024;
}
