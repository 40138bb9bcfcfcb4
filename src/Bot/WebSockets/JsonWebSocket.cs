using System.Net.WebSockets;

namespace CourseBot.Bot.WebSockets;

/// <summary>
/// <see cref="IJsonWebSocket"/> over <see cref="ClientWebSocket"/>: whole messages read into a pooled
/// buffer, sends serialised by one lock, timeouts on the injected clock, and every way the socket can
/// end turned into a <see cref="WebSocketEnd"/> instead of an exception for the reader.
/// </summary>
public sealed class JsonWebSocket : IJsonWebSocket
{
    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly Lock _bufferOwner = new();
    private readonly PooledBuffer _received;
    private readonly JsonWebSocketOptions _options;
    private readonly TimeProvider _time;
    private WebSocketEnd? _end;
    private bool _reading;
    private bool _disposed;

    public JsonWebSocket(JsonWebSocketOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        _received = new PooledBuffer(options.ReceiveBufferSize);
        if (options.PingInterval is { } interval)
        {
            _socket.Options.KeepAliveInterval = interval;
        }

        if (options.PingTimeout is { } timeout)
        {
            _socket.Options.KeepAliveTimeout = timeout;
        }
    }

    public WebSocketEnd? Ended => Volatile.Read(ref _end);

    public async Task ConnectAsync(Uri url, CancellationToken cancellationToken)
    {
        using var due = new CancellationTokenSource(_options.ConnectTimeout, _time);
        using var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, due.Token);
        try
        {
            await _socket.ConnectAsync(url, connecting.Token);
        }
        catch (OperationCanceledException) when (due.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no WebSocket handshake from {url.Host}:{url.Port} within {_options.ConnectTimeout.TotalSeconds:0.###} s");
        }
    }

    public async ValueTask<ReadOnlyMemory<byte>?> ReceiveAsync(CancellationToken cancellationToken)
    {
        lock (_bufferOwner)
        {
            // The previous message is no longer in use: a disposed socket may give its buffer back now.
            if (_disposed || Ended is not null)
            {
                StopReadingHeld();
                return null;
            }

            _reading = true;
        }

        _received.Clear();
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(_received.GetMemory(), cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    MarkEnded(new WebSocketEnd.Closed((int?)_socket.CloseStatus, _socket.CloseStatusDescription));
                    StopReading();
                    return null;
                }

                _received.Advance(result.Count);
                if (result.EndOfMessage)
                {
                    return _received.WrittenMemory;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            MarkEnded(new WebSocketEnd.Cancelled());
            StopReading();
            throw;
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // Dropped, aborted (by Abort or the ping watchdog), or a protocol violation: the reader is told, not thrown at.
            MarkEnded(new WebSocketEnd.Failed(e.Message));
            StopReading();
            return null;
        }
    }

    public async Task SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken);
        try
        {
            // All frames of one message go out before another sender's first: a message is never interleaved.
            var sent = 0;
            do
            {
                var frame = Math.Min(_options.MaxFrameSize, message.Length - sent);
                await _socket.SendAsync(message.Slice(sent, frame), WebSocketMessageType.Text, sent + frame == message.Length, cancellationToken);
                sent += frame;
            }
            while (sent < message.Length);
        }
        finally
        {
            _sending.Release();
        }
    }

    public async Task CloseAsync(int code, string reason)
    {
        using var due = new CancellationTokenSource(_options.CloseTimeout, _time);
        try
        {
            await _sending.WaitAsync(due.Token);
            try
            {
                if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    // Waits for the peer's close frame (through the reader, if one is waiting).
                    await _socket.CloseAsync((WebSocketCloseStatus)code, reason, due.Token);
                    MarkEnded(new WebSocketEnd.Closed((int?)_socket.CloseStatus, _socket.CloseStatusDescription));
                }
            }
            finally
            {
                _sending.Release();
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // A peer that does not answer the close (a zombie) is dropped: ending the connection is the point.
            Abort($"no answer to the close ({e.Message})");
        }
    }

    /// <summary>Drops the socket at once, without a close frame: the reader's <see cref="ReceiveAsync"/> ends.</summary>
    private void Abort(string why)
    {
        MarkEnded(new WebSocketEnd.Failed(why));
        _socket.Abort();
    }

    public ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        lock (_bufferOwner)
        {
            _disposed = true;

            // A reader may still hold (or be filling) the buffer; it gives the buffer back on its next call.
            if (!_reading)
            {
                _received.Release();
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Records the first reason the socket ended; later ones are consequences of it.</summary>
    private void MarkEnded(WebSocketEnd end) => Interlocked.CompareExchange(ref _end, end, null);

    private void StopReading()
    {
        lock (_bufferOwner)
        {
            StopReadingHeld();
        }
    }

    /// <summary>With <see cref="_bufferOwner"/> held: the reader is done with the buffer.</summary>
    private void StopReadingHeld()
    {
        _reading = false;
        if (_disposed)
        {
            _received.Release();
        }
    }
}

/// <summary>Makes <see cref="JsonWebSocket"/>s on the host's clock.</summary>
public sealed class JsonWebSocketFactory(TimeProvider time) : IJsonWebSocketFactory
{
    public IJsonWebSocket Create(JsonWebSocketOptions options) => new JsonWebSocket(options, time);
}
