using System.Net;
using CourseBot.Bot.Tests.Testing;

namespace CourseBot.Bot.Tests.Running;

/// <summary>
/// A course website on 127.0.0.1: serves files from memory with an ETag and answers 304 to a matching
/// If-None-Match, like a static site host. Counts requests and 304s. A name can instead be given a
/// handler of its own (a redirect, a body that trickles or never ends); each request is served on its
/// own task, so a slow answer does not hold up the others.
/// </summary>
internal sealed class LoopbackFileServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, (byte[] Body, string ETag)> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<HttpListenerResponse, CancellationToken, Task>> _handlers = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly Task _loop;

    public LoopbackFileServer()
    {
        Port = LoopbackPort.Free();
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
            _handlers.Remove(name);
        }
    }

    /// <summary>Answers requests for <paramref name="name"/> with <paramref name="respond"/> from now on; the token ends with the server.</summary>
    public void Handle(string name, Func<HttpListenerResponse, CancellationToken, Task> respond)
    {
        lock (_gate)
        {
            _handlers[name] = respond;
        }
    }

    /// <summary>
    /// From now on the server sends this file one byte every 5 s of <paramref name="time"/>, past any deadline.
    /// The task completes when the first byte went out.
    /// </summary>
    public Task Trickle(string name, TimeProvider time)
    {
        var started = new TaskCompletionSource();
        Handle(name, async (response, stop) =>
        {
            response.SendChunked = true;
            await response.OutputStream.WriteAsync("#"u8.ToArray(), stop);
            await response.OutputStream.FlushAsync(stop);
            started.TrySetResult();
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), time, stop);
                await response.OutputStream.WriteAsync("#"u8.ToArray(), stop);
            }
        });
        return started.Task;
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync();
        _listener.Stop();
        _listener.Close();
        await _loop.ContinueWith(_ => { }, TaskScheduler.Default);
        _stopping.Dispose();
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

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        (byte[] Body, string ETag) file;
        bool found;
        Func<HttpListenerResponse, CancellationToken, Task>? handler;
        var name = context.Request.Url!.AbsolutePath.TrimStart('/');
        lock (_gate)
        {
            Requests++;
            found = _files.TryGetValue(name, out file);
            _handlers.TryGetValue(name, out handler);
        }

        if (handler is not null)
        {
            try
            {
                await handler(context.Response, _stopping.Token);
                context.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or OperationCanceledException or ObjectDisposedException or IOException)
            {
                // The client went away or the server stops: this answer ends here.
                context.Response.Abort();
            }

            return;
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
