using System.Net.WebSockets;
using CourseBot.Bot.Tests.Running;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CourseBot.Bot.Tests.WebSockets;

/// <summary>A WebSocket server on loopback that runs one script per accepted connection; the script's failure fails <see cref="Finished"/>.</summary>
internal sealed class LoopbackWebSocketServer : IAsyncDisposable
{
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication _app = null!;

    public Uri Url { get; private set; } = null!;

    /// <summary>Completes when the script has run to its end (or faults with what went wrong in it).</summary>
    public Task Finished => _finished.Task;

    public static async Task<LoopbackWebSocketServer> StartAsync(Func<WebSocket, Task> script)
    {
        var server = new LoopbackWebSocketServer();
        var (app, root) = await LoopbackApp.StartAsync(app => app.Map("/ws", (Func<HttpContext, Task>)(http => server.RunAsync(http, script))));
        server._app = app;
        server.Url = new Uri(root.ToString().Replace("http://", "ws://", StringComparison.Ordinal) + "ws");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task RunAsync(HttpContext http, Func<WebSocket, Task> script)
    {
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        try
        {
            await script(socket);
            _finished.TrySetResult();
        }
        catch (Exception e)
        {
            _finished.TrySetException(e);
        }
    }
}
