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
/// Interaction callbacks get one attempt within the interaction's deadline, and interaction routes
/// (callbacks, edits, follow-ups) neither consult nor feed the circuit: channel posts failing must not
/// silence answers to users.
/// </summary>
public sealed partial class DiscordRestClient : IGatewayLocator
{
    public const int MaxAttempts = 4;
    public const int MaxRateLimitedRetries = 5;

    /// <summary>Discord drops an interaction not acknowledged within 3 s of its creation.</summary>
    public static readonly TimeSpan InteractionDeadline = TimeSpan.FromSeconds(3);

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

    /// <summary>
    /// The initial response over REST: one attempt only, since a retry after seconds of backoff would land
    /// past the deadline, and a second callback for the same interaction is refused anyway.
    /// </summary>
    /// <param name="response">An <see cref="InteractionResponseBody"/> as JSON (rendered once, possibly reused).</param>
    /// <param name="timeout">What is left of the interaction's deadline.</param>
    public async Task RespondAsync(string interactionId, string token, ReadOnlyMemory<byte> response, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            using var answer = await SendRawAsync(DiscordRoute.InteractionCallback(interactionId, token), response, cancellationToken, singleAttempt: timeout);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // The deadline ran out while waiting for the bucket: report it like any failed callback.
            throw new DiscordUnavailableException($"the interaction callback ran out of time ({timeout.TotalMilliseconds:0} ms)", outcomeUnknown: false, e);
        }
    }

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

    /// <summary>
    /// Sends until Discord gives a definite answer: a success, or an error retrying cannot fix. With
    /// <paramref name="singleAttempt"/>, sends once within that time and any failure is final.
    /// </summary>
    private async Task<HttpResponseMessage> SendRawAsync(DiscordRoute route, ReadOnlyMemory<byte>? body, CancellationToken cancellationToken, TimeSpan? singleAttempt = null)
    {
        // The limit is what is left of a budget measured on the bot's clock, so it runs out on that clock too.
        using var deadline = singleAttempt is { } limit ? new CancellationTokenSource(limit > TimeSpan.Zero ? limit : TimeSpan.Zero, _time) : null;
        using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline?.Token ?? CancellationToken.None);

        var token = attemptTimeout.Token;
        var usesCircuit = !route.IsInteraction;
        var failures = 0;
        var rateLimited = 0;
        while (true)
        {
            if (usesCircuit)
            {
                _circuit.ThrowIfOpen(route.Template);
            }

            HttpResponseMessage? response = null;
            string? failed = null;
            Exception? failure = null;
            using (var lease = await _limiter.AcquireAsync(route, token))
            {
                try
                {
                    using var request = new HttpRequestMessage(route.Method, _baseUrl + route.Path);
                    if (body is not null)
                    {
                        request.Content = new ReadOnlyMemoryContent(body.Value) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
                    }

                    response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    failure = e;
                    failed = e.Message;
                }

                if (response is not null)
                {
                    lease.Learn(response);
                    if (response.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        var wait = await RetryAfterAsync(response, token);
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
                        if (singleAttempt is not null)
                        {
                            throw new DiscordUnavailableException($"Discord rate-limited {route.Key}; it is not retried");
                        }

                        if (++rateLimited > MaxRateLimitedRetries)
                        {
                            throw new DiscordUnavailableException($"Discord kept rate-limiting {route.Key} ({rateLimited} times)");
                        }

                        continue;
                    }
                }
            }

            // The lease is released here: a backoff must not hold up other requests on the bucket.
            if (failure is not null)
            {
                RecordFailure(usesCircuit, $"{route.Key}: {failed}");
                if (singleAttempt is not null || ++failures >= MaxAttempts)
                {
                    throw new DiscordUnavailableException($"Discord did not answer {route.Key} after {Math.Max(failures, 1)} attempt(s): {failed}", outcomeUnknown: true, failure);
                }

                LogRetrying(route.Key, failed!, failures);
                await Task.Delay(Backoff(failures), _time, cancellationToken);
                continue;
            }

            if ((int)response!.StatusCode >= 500)
            {
                var status = (int)response.StatusCode;
                response.Dispose();
                RecordFailure(usesCircuit, $"{route.Key}: {status}");
                if (singleAttempt is not null || ++failures >= MaxAttempts)
                {
                    throw new DiscordUnavailableException($"Discord answered {route.Key} with {status} ({Math.Max(failures, 1)} attempt(s))");
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

            if (usesCircuit)
            {
                _circuit.Succeeded();
            }

            return response;
        }
    }

    private void RecordFailure(bool usesCircuit, string why)
    {
        if (usesCircuit)
        {
            _circuit.Failed(why);
        }
    }

    private async Task<DiscordApiException> RefusedAsync(DiscordRoute route, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            _circuit.CountInvalid();
        }

        if (response.StatusCode == HttpStatusCode.Unauthorized && !route.IsInteraction)
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
