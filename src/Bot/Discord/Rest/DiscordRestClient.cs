using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CourseBot.Bot.Discord.Gateway;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Discord.Rest;

/// <summary>
/// The few REST calls CourseBot makes, each through the rate limiter, the retry policy and the circuit:
/// 5xx and timeouts are retried with backoff, 429s wait as told, 401/403/404 are never retried.
/// </summary>
public sealed partial class DiscordRestClient : IGatewayLocator
{
    public const int MaxAttempts = 4;
    public const int MaxRateLimitedRetries = 5;

    private readonly HttpClient _http;
    private readonly DiscordRateLimiter _limiter;
    private readonly DiscordCircuit _circuit;
    private readonly TimeProvider _time;
    private readonly ILogger<DiscordRestClient> _logger;
    private readonly string _baseUrl;
    private readonly TimeSpan _firstBackoff;

    public DiscordRestClient(HttpClient http, DiscordRateLimiter limiter, DiscordCircuit circuit, IOptions<DiscordOptions> options, TimeProvider time, ILogger<DiscordRestClient> logger)
    {
        _http = http;
        _limiter = limiter;
        _circuit = circuit;
        _time = time;
        _logger = logger;
        var settings = options.Value;
        _baseUrl = settings.ApiBaseUrl.ToString().TrimEnd('/');
        _firstBackoff = settings.RetryBackoff;
        ApplicationId = settings.ApplicationId ?? "";
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bot", settings.BotToken);
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
    }

    /// <summary>Discord requires <c>DiscordBot ($url, $versionNumber)</c> (reference.mdx).</summary>
    public static string UserAgent { get; } = $"DiscordBot (https://github.com/coursebot/coursebot, {typeof(DiscordRestClient).Assembly.GetName().Version?.ToString(3) ?? "1.0.0"})";

    public string ApplicationId { get; }

    public DiscordCircuit Circuit => _circuit;

    public async Task<Uri> GetGatewayUrlAsync(CancellationToken cancellationToken)
    {
        var body = await SendAsync(DiscordRoute.GatewayBot(), null, DiscordJson.Default.GatewayBotBody, cancellationToken);
        return new Uri(body.Url);
    }

    public Task<MessageIdBody> CreateMessageAsync(string channelId, MessageBody message, CancellationToken cancellationToken) =>
        SendAsync(DiscordRoute.CreateMessage(channelId), Json(message, DiscordJson.Default.MessageBody), DiscordJson.Default.MessageIdBody, cancellationToken);

    public Task<IReadOnlyList<MessageIdBody>> RecentMessagesAsync(string channelId, int limit, CancellationToken cancellationToken) =>
        SendAsync(DiscordRoute.RecentMessages(channelId, limit), null, DiscordJson.Default.IReadOnlyListMessageIdBody, cancellationToken);

    /// <param name="response">An <see cref="InteractionResponseBody"/> as JSON (rendered once, possibly reused).</param>
    public Task RespondAsync(string interactionId, string token, ReadOnlyMemory<byte> response, CancellationToken cancellationToken) =>
        SendAsync(DiscordRoute.InteractionCallback(interactionId, token), response, cancellationToken);

    public Task EditOriginalAsync(string token, MessageBody message, CancellationToken cancellationToken) =>
        SendAsync(DiscordRoute.EditOriginal(ApplicationId, token), Json(message, DiscordJson.Default.MessageBody), cancellationToken);

    public Task FollowupAsync(string token, MessageBody message, CancellationToken cancellationToken) =>
        SendAsync(DiscordRoute.Followup(ApplicationId, token), Json(message, DiscordJson.Default.MessageBody), cancellationToken);

    public Task OverwriteCommandsAsync(string? guildId, ReadOnlyMemory<byte> commandsJson, CancellationToken cancellationToken) =>
        SendAsync(DiscordRoute.OverwriteCommands(ApplicationId, guildId), commandsJson, cancellationToken);

    public static byte[] Json<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.SerializeToUtf8Bytes(value, type);

    private async Task SendAsync(DiscordRoute route, ReadOnlyMemory<byte>? body, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(route, body, cancellationToken);
    }

    private async Task<T> SendAsync<T>(DiscordRoute route, ReadOnlyMemory<byte>? body, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(route, body, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonSerializer.DeserializeAsync(stream, type, cancellationToken)
            ?? throw new DiscordUnavailableException($"Discord answered {route.Key} with an empty body");
    }

    /// <summary>Sends until Discord gives a definite answer: a success, or an error retrying cannot fix.</summary>
    private async Task<HttpResponseMessage> SendRawAsync(DiscordRoute route, ReadOnlyMemory<byte>? body, CancellationToken cancellationToken)
    {
        var failures = 0;
        var rateLimited = 0;
        while (true)
        {
            _circuit.ThrowIfOpen(route.Template);
            HttpResponseMessage response;
            using (var lease = await _limiter.AcquireAsync(route, cancellationToken))
            {
                try
                {
                    using var request = new HttpRequestMessage(route.Method, _baseUrl + route.Path);
                    if (body is not null)
                    {
                        request.Content = new ReadOnlyMemoryContent(body.Value) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
                    }

                    response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    _circuit.Failed($"{route.Key}: {e.Message}");
                    if (++failures >= MaxAttempts)
                    {
                        throw new DiscordUnavailableException($"Discord did not answer {route.Key} after {failures} attempts: {e.Message}", outcomeUnknown: true, e);
                    }

                    LogRetrying(route.Key, e.Message, failures);
                    await Task.Delay(Backoff(failures), _time, cancellationToken);
                    continue;
                }

                lease.Learn(response);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    var wait = await RetryAfterAsync(response, cancellationToken);
                    if (!IsShared(response))
                    {
                        _circuit.CountInvalid();
                    }

                    if (wait.Global)
                    {
                        _limiter.PauseAll(wait.After);
                    }
                    else
                    {
                        lease.Exhausted(wait.After);
                    }

                    response.Dispose();
                    LogRateLimited(route.Key, wait.After.TotalSeconds, wait.Global);
                    if (++rateLimited > MaxRateLimitedRetries)
                    {
                        throw new DiscordUnavailableException($"Discord kept rate-limiting {route.Key} ({rateLimited} times)");
                    }

                    continue;
                }
            }

            if ((int)response.StatusCode >= 500)
            {
                var status = (int)response.StatusCode;
                response.Dispose();
                _circuit.Failed($"{route.Key}: {status}");
                if (++failures >= MaxAttempts)
                {
                    throw new DiscordUnavailableException($"Discord answered {route.Key} with {status} {failures} times");
                }

                LogRetrying(route.Key, status.ToString(CultureInfo.InvariantCulture), failures);
                await Task.Delay(Backoff(failures), _time, cancellationToken);
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                using (response)
                {
                    throw await RefusedAsync(route, response, cancellationToken);
                }
            }

            _circuit.Succeeded();
            return response;
        }
    }

    private async Task<DiscordApiException> RefusedAsync(DiscordRoute route, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            _circuit.CountInvalid();
        }

        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            // A refused token fails every call alike; let the circuit stop the flood.
            _circuit.Failed($"{route.Key}: 401 Unauthorized (is Discord__BotToken right?)");
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        ErrorBody? error = null;
        try
        {
            error = text.Length > 0 ? JsonSerializer.Deserialize(text, DiscordJson.Default.ErrorBody) : null;
        }
        catch (JsonException)
        {
            // Not Discord's JSON (a proxy's HTML page): the status line and text below still say what happened.
        }

        var message = error?.Message ?? (text.Length > 200 ? text[..200] : text);
        return new DiscordApiException(response.StatusCode, error?.Code, message, route.Key);
    }

    private static async Task<(TimeSpan After, bool Global)> RetryAfterAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var global = response.Headers.TryGetValues("X-RateLimit-Global", out var g) && g.Any(v => v.Equals("true", StringComparison.OrdinalIgnoreCase));
        var seconds = 1.0;
        try
        {
            var body = await response.Content.ReadFromJsonAsync(DiscordJson.Default.RateLimitedBody, cancellationToken);
            if (body is not null)
            {
                seconds = body.RetryAfter;
                global |= body.Global;
            }
        }
        catch (JsonException)
        {
            // Cloudflare's own 429 has no JSON; its Retry-After header says how long.
            if (response.Headers.RetryAfter?.Delta is { } delta)
            {
                seconds = delta.TotalSeconds;
            }
        }

        return (TimeSpan.FromSeconds(Math.Clamp(seconds, 0, 600)), global);
    }

    private static bool IsShared(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-RateLimit-Scope", out var scope) && scope.Contains("shared");

    /// <summary>1 s, 2 s, 4 s … with ±25% jitter so several copies do not retry in step.</summary>
    private TimeSpan Backoff(int failures) =>
        _firstBackoff * Math.Pow(2, failures - 1) * (0.75 + (Random.Shared.NextDouble() / 2));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord {Route} failed ({Why}); retry {Attempt}")]
    private partial void LogRetrying(string route, string why, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord rate-limited {Route}: waiting {Seconds:0.###} s (global: {Global})")]
    private partial void LogRateLimited(string route, double seconds, bool global);
}
