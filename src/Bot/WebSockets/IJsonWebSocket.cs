namespace CourseBot.Bot.WebSockets;

/// <summary>
/// One client WebSocket carrying JSON text messages, as the Discord gateway and Slack Socket Mode use:
/// one reader, any number of senders (one at a time on the wire), and a report of why it ended.
/// Tests swap it through <see cref="IJsonWebSocketFactory"/>.
/// </summary>
public interface IJsonWebSocket : IAsyncDisposable
{
    /// <summary>Why the socket stopped delivering messages; null while it is open.</summary>
    WebSocketEnd? Ended { get; }

    /// <summary>Opens the socket; throws <see cref="TimeoutException"/> when the handshake takes too long, a <c>WebSocketException</c> when it fails.</summary>
    Task ConnectAsync(Uri url, CancellationToken cancellationToken);

    /// <summary>
    /// The next whole message, valid until the next call (it lives in a pooled buffer); null once the
    /// socket has ended (see <see cref="Ended"/>). Throws <see cref="OperationCanceledException"/> when
    /// <paramref name="cancellationToken"/> ends it. One reader at a time.
    /// </summary>
    ValueTask<ReadOnlyMemory<byte>?> ReceiveAsync(CancellationToken cancellationToken);

    /// <summary>Sends one text message; concurrent callers are sent one after the other, never interleaved.</summary>
    Task SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken);

    /// <summary>Closes with <paramref name="code"/> and waits briefly for the peer's answer; drops the socket if none comes. Never throws.</summary>
    Task CloseAsync(int code, string reason);
}

/// <summary>Makes the WebSockets the gateway and Socket Mode clients connect with; registered in DI, replaced in tests.</summary>
public interface IJsonWebSocketFactory
{
    IJsonWebSocket Create(JsonWebSocketOptions options);
}
