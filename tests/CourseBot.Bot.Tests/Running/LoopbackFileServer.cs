using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CourseBot.Bot.Tests.Running;

/// <summary>
/// A course website on 127.0.0.1 (the fakes' loopback host, <see cref="LoopbackApp"/>, on a port the
/// system picks when it binds): serves files from memory with an ETag and answers 304 to a matching
/// If-None-Match, like a static site host. Counts requests and 304s. A name can instead be given a
/// handler of its own (a redirect, a body that trickles or never ends); each request is served on its
/// own task, so a slow answer does not hold up the others.
/// </summary>
internal sealed class LoopbackFileServer : IAsyncDisposable
{
    private readonly Dictionary<string, (byte[] Body, string ETag)> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<HttpResponse, CancellationToken, Task>> _handlers = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private WebApplication _app = null!;
    private Uri _root = null!;

    private LoopbackFileServer()
    {
    }

    public int NotModified { get; private set; }

    public int Requests { get; private set; }

    public static async Task<LoopbackFileServer> StartAsync()
    {
        var server = new LoopbackFileServer();
        (server._app, server._root) = await LoopbackApp.StartAsync(app => app.Run(server.AnswerAsync));
        return server;
    }

    public string Url(string name) => new Uri(_root, name).ToString();

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
    public void Handle(string name, Func<HttpResponse, CancellationToken, Task> respond)
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
            await response.Body.WriteAsync("#"u8.ToArray(), stop);
            await response.Body.FlushAsync(stop);
            started.TrySetResult();
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), time, stop);
                await response.Body.WriteAsync("#"u8.ToArray(), stop);
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

        // Ends the handlers that never finish on their own first, so that stopping does not wait for them.
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task AnswerAsync(HttpContext http)
    {
        (byte[] Body, string ETag) file;
        bool found;
        Func<HttpResponse, CancellationToken, Task>? handler;
        var name = http.Request.Path.Value!.TrimStart('/');
        lock (_gate)
        {
            Requests++;
            found = _files.TryGetValue(name, out file);
            _handlers.TryGetValue(name, out handler);
        }

        if (handler is not null)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, http.RequestAborted);
            try
            {
                await handler(http.Response, stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
                // The client went away or the server stops: this answer ends here.
                http.Abort();
            }

            return;
        }

        var response = http.Response;
        if (!found)
        {
            response.StatusCode = 404;
        }
        else if (http.Request.Headers.IfNoneMatch == file.ETag)
        {
            lock (_gate)
            {
                NotModified++;
            }

            response.StatusCode = 304;
        }
        else
        {
            response.Headers.ETag = file.ETag;
            await response.Body.WriteAsync(file.Body, http.RequestAborted);
        }
    }
}
