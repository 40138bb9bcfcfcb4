using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CourseBot.Benchmarks;

/// <summary>
/// Discord's REST API on loopback, as far as a sign-up needs it: the edit of a deferred answer
/// (<c>PATCH /webhooks/{app}/{token}/messages/@original</c>) is handed to whoever waits for that interaction's token,
/// the moment its body has arrived; every other request (command registration at start-up) gets 200 and "[]",
/// like benchmarks/discord/fake_discord_api.py.
/// </summary>
public sealed class BenchDiscordApi : IAsyncDisposable
{
    public const string BotToken = "bench-bot-token";
    public const string ApplicationId = "1100000000000000001";

    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _edits = new();
    private WebApplication _app = null!;

    public Uri ApiBaseUrl { get; private set; } = null!;

    public static async Task<BenchDiscordApi> StartAsync()
    {
        var api = new BenchDiscordApi();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        api._app = builder.Build();
        api._app.Run(api.AnswerAsync);
        await api._app.StartAsync();
        var address = api._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        api.ApiBaseUrl = new Uri(new Uri(address), "api/v10");
        return api;
    }

    /// <summary>The body of the edit that answers the interaction with <paramref name="token"/>, when it arrives.</summary>
    public Task<string> EditOf(string token) => Edit(token).Task;

    /// <summary>Forgets a token whose edit was awaited.</summary>
    public void Forget(string token) => _edits.TryRemove(token, out _);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private TaskCompletionSource<string> Edit(string token) =>
        _edits.GetOrAdd(token, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));

    private async Task AnswerAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        var segments = (http.Request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        http.Response.ContentType = "application/json";
        // api, v10, webhooks, {app}, {token}, messages, @original
        if (HttpMethods.IsPatch(http.Request.Method) && segments is [_, _, "webhooks", _, var token, "messages", "@original"])
        {
            Edit(token).TrySetResult(body);
            await http.Response.WriteAsync("""{"id":"1300000000000000001","channel_id":"1000000000000000002"}""", http.RequestAborted);
            return;
        }

        await http.Response.WriteAsync("[]", http.RequestAborted);
    }
}
