using System.Net;
using System.Net.Sockets;

namespace CourseBot.Bot.Tests.Slack;

/// <summary>
/// A loopback TCP relay in front of the fake's WebSocket endpoint. <see cref="SilenceNewest"/> stops
/// forwarding on the newest connection in both directions while keeping it open: the half-open,
/// silent socket a ping watchdog has to notice (a WebSocket server alone would still answer pings).
/// </summary>
public sealed class SilenceableRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Link> _links = [];

    public SilenceableRelay(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void SilenceNewest()
    {
        lock (_links)
        {
            _links[^1].Silent = true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        lock (_links)
        {
            foreach (var link in _links)
            {
                link.Client.Dispose();
                link.Server.Dispose();
            }
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var server = new TcpClient();
                await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
                var link = new Link(client, server);
                lock (_links)
                {
                    _links.Add(link);
                }

                _ = PumpAsync(link, client.GetStream(), server.GetStream());
                _ = PumpAsync(link, server.GetStream(), client.GetStream());
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The relay is shutting down.
        }
    }

    private async Task PumpAsync(Link link, NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    break;
                }

                // Silence swallows everything: nothing arrives, nothing is answered, nothing closes.
                if (!link.Silent)
                {
                    await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
                }
            }

            link.Client.Client.Shutdown(SocketShutdown.Send);
            link.Server.Client.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // One side went away.
        }
    }

    private sealed class Link(TcpClient client, TcpClient server)
    {
        public TcpClient Client { get; } = client;

        public TcpClient Server { get; } = server;

        public volatile bool Silent;
    }
}
