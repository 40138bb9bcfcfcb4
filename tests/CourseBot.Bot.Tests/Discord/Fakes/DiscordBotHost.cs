using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using CourseBot.Bot.Discord.Interactions;
using CourseBot.Bot.Tests.Cli;
using CourseBot.Bot.Tests.Running;
using CourseBot.Bot.Tests.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using NSec.Cryptography;

namespace CourseBot.Bot.Tests.Discord.Fakes;

/// <summary>
/// The whole bot in this process, on a loopback port, configured for Discord against the fake API: what
/// <c>coursebot run</c> builds, with the sample course (or another config folder).
/// </summary>
public sealed class DiscordBotHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private readonly FakeDiscordApi _api;

    private DiscordBotHost(WebApplication app, FakeDiscordApi api, Key signingKey, Uri? address)
    {
        _app = app;
        _api = api;
        SigningKey = signingKey;
        Http = new HttpClient { BaseAddress = address };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", HealthToken);
    }

    /// <summary>Unlocks the details of /readyz, which the tests read.</summary>
    public const string HealthToken = "discord-tests-health-token";

    /// <summary>The key Discord signs with in these tests; the bot knows its public half.</summary>
    public Key SigningKey { get; }

    /// <summary>To the bot's address; without one when the bot stopped itself while starting (a refused token).</summary>
    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<DiscordBotHost> StartAsync(
        FakeDiscordApi api,
        string dataDirectory,
        string mode = "http",
        string? configDirectory = null,
        string[]? guilds = null,
        Action<IServiceCollection>? replace = null)
    {
        var key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        var settings = new Dictionary<string, string?>
        {
            ["Discord:BotToken"] = FakeDiscordApi.Token,
            ["Discord:ApplicationId"] = FakeDiscordApi.ApplicationId,
            ["Discord:PublicKey"] = Convert.ToHexStringLower(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)),
            ["Discord:Mode"] = mode,
            ["Discord:ApiBaseUrl"] = api.ApiBaseUrl.ToString(),
            ["Discord:RetryBackoff"] = "00:00:00.020",
            ["Storage:DataDirectory"] = dataDirectory,
            ["Health:Token"] = HealthToken,
        };
        foreach (var (guild, i) in (guilds ?? []).Select((g, i) => (g, i)))
        {
            settings[$"Discord:GuildIds:{i}"] = guild;
        }

        var (app, address) = await InProcessBot.StartAsync(settings, configDirectory ?? CliRun.SampleConfig, replace);
        return new DiscordBotHost(app, api, key, address);
    }

    /// <summary>
    /// Posts an interaction signed as Discord signs it (or tampered with by <paramref name="tamper"/>). A
    /// successful answer is the initial response: from then on the fake API knows the interaction's webhook.
    /// <paramref name="signedAt"/> is the signed timestamp (now by default), as a number of Unix seconds.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(string json, Action<HttpRequestMessage>? tamper = null, Key? signWith = null, long? signedAt = null)
    {
        var request = SignedRequest(json, signWith ?? SigningKey, signedAt);
        tamper?.Invoke(request);
        var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (response.IsSuccessStatusCode && TokenOf(json) is { } token)
        {
            _api.Acknowledged(token);
        }

        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>A POST of <paramref name="json"/> to the interactions endpoint, signed with <paramref name="key"/> as Discord signs it.</summary>
    public static HttpRequestMessage SignedRequest(string json, Key key, long? signedAt = null)
    {
        var timestamp = (signedAt ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture);
        var body = Encoding.UTF8.GetBytes(json);
        var signature = SignatureAlgorithm.Ed25519.Sign(key, [.. Encoding.UTF8.GetBytes(timestamp), .. body]);
        var request = new HttpRequestMessage(HttpMethod.Post, InteractionEndpoint.Path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(InteractionSignature.SignatureHeader, Convert.ToHexStringLower(signature));
        request.Headers.Add(InteractionSignature.TimestampHeader, timestamp);
        return request;
    }

    private static string? TokenOf(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("token", out var token) ? token.GetString() : null;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await StoppedHost.StopAndDisposeAsync(_app);
    }
}
