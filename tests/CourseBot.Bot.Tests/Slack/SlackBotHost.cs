using System.Globalization;
using System.Text;
using CourseBot.Bot.Slack;
using CourseBot.Bot.Tests.Cli;
using CourseBot.Bot.Tests.Running;
using CourseBot.Bot.Tests.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CourseBot.Bot.Tests.Slack;

/// <summary>The whole bot in this process, configured for Slack against <see cref="FakeSlack"/>.</summary>
public sealed class SlackBotHost : IAsyncDisposable
{
    public const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    public const string Admin = "UADMIN0001";
    private readonly WebApplication _app;

    private SlackBotHost(WebApplication app, Uri? address)
    {
        _app = app;
        Http = new HttpClient { BaseAddress = address };
    }

    /// <summary>To the bot's address; without one when the bot stopped itself while starting (a refused token).</summary>
    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<SlackBotHost> StartAsync(FakeSlack slack, string dataDirectory, string mode = "http", string? configDirectory = null, Action<IServiceCollection>? replace = null, string botToken = FakeSlack.BotToken)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = botToken,
            ["Slack:AppToken"] = FakeSlack.AppToken,
            ["Slack:SigningSecret"] = SigningSecret,
            ["Slack:Mode"] = mode,
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl.ToString(),
            ["Slack:AdminUserIds:0"] = Admin,
            ["Storage:DataDirectory"] = dataDirectory,
        };
        var (app, address) = await InProcessBot.StartAsync(settings, configDirectory ?? CliRun.SampleConfig, services =>
        {
            services.AddSingleton(new SocketModeTimings { PingInterval = TimeSpan.FromMilliseconds(200), PingTimeout = TimeSpan.FromMilliseconds(600), ConnectTimeout = TimeSpan.FromSeconds(2), FirstBackoff = TimeSpan.FromMilliseconds(50) });
            replace?.Invoke(services);
        });
        return new SlackBotHost(app, address);
    }

    /// <summary>Posts a body signed as Slack signs it (or tampered with by <paramref name="tamper"/>).</summary>
    public Task<HttpResponseMessage> SendAsync(string path, string body, string contentType, Action<HttpRequestMessage>? tamper = null, string secret = SigningSecret, DateTimeOffset? at = null)
    {
        var request = SignedRequest(path, body, contentType, secret, at);
        tamper?.Invoke(request);
        return Http.SendAsync(request);
    }

    /// <summary>A POST of <paramref name="body"/> to <paramref name="path"/>, signed with <paramref name="secret"/> as Slack signs it.</summary>
    public static HttpRequestMessage SignedRequest(string path, string body, string contentType, string secret = SigningSecret, DateTimeOffset? at = null)
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        request.Headers.Add(SlackSignature.TimestampHeader, timestamp);
        request.Headers.Add(SlackSignature.SignatureHeader, SlackSignature.Sign(secret, timestamp, bytes));
        return request;
    }

    /// <summary>A slash command as Slack posts it (form-encoded).</summary>
    public Task<HttpResponseMessage> CommandAsync(FakeSlack slack, string command, string text, string user = "USTUDENT01") =>
        SendAsync("/slack/commands", Form(command, text, user, slack.ResponseUrl(Guid.NewGuid().ToString("N"))), "application/x-www-form-urlencoded");

    public static string Form(string command, string text, string user, Uri responseUrl) =>
        string.Join("&", new Dictionary<string, string>
        {
            ["token"] = "deprecated", ["team_id"] = "T0FAKE", ["team_domain"] = "course", ["channel_id"] = "C0COURSE", ["channel_name"] = "general",
            ["user_id"] = user, ["user_name"] = "student", ["command"] = command, ["text"] = text, ["api_app_id"] = "A0FAKE",
            ["response_url"] = responseUrl.ToString(), ["trigger_id"] = "1.2.3",
        }.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await StoppedHost.StopAndDisposeAsync(_app);
    }
}
