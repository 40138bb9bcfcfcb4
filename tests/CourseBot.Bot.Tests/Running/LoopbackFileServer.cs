using System.Net;
using System.Net.Sockets;

namespace CourseBot.Bot.Tests.Running;

/// <summary>
/// A course website on 127.0.0.1: serves files from memory with an ETag and answers 304 to a matching
/// If-None-Match, like a static site host. Counts requests and 304s.
/// </summary>
internal sealed class LoopbackFileServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, (byte[] Body, string ETag)> _files = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly Task _loop;

    public LoopbackFileServer()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public int NotModified { get; private set; }

    public int Requests { get; private set; }

    public string Url(string name) => $"http://127.0.0.1:{Port}/{name}";

    public void Put(string name, string content)
    {
        lock (_gate)
        {
            var version = _files.TryGetValue(name, out var old) ? int.Parse(old.ETag.Trim('"').TrimStart('v'), System.Globalization.CultureInfo.InvariantCulture) + 1 : 1;
            _files[name] = (System.Text.Encoding.UTF8.GetBytes(content), $"\"v{version}\"");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            (byte[] Body, string ETag) file;
            bool found;
            lock (_gate)
            {
                Requests++;
                found = _files.TryGetValue(context.Request.Url!.AbsolutePath.TrimStart('/'), out file);
            }

            var response = context.Response;
            if (!found)
            {
                response.StatusCode = 404;
            }
            else if (context.Request.Headers["If-None-Match"] == file.ETag)
            {
                lock (_gate)
                {
                    NotModified++;
                }

                response.StatusCode = 304;
            }
            else
            {
                response.Headers["ETag"] = file.ETag;
                await response.OutputStream.WriteAsync(file.Body);
            }

            response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
