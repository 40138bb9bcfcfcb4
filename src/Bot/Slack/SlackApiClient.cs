using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using CourseBot.Bot.Delivery;
using CourseBot.Bot.Slack.Wire;

namespace CourseBot.Bot.Slack;

/// <summary>
/// The Web API methods CourseBot calls, as POSTs with the bot token (the app token for
/// <c>apps.connections.open</c>). 429s wait <c>Retry-After</c>; 5xx and timeouts are retried with
/// backoff, except for methods that would act twice (<c>chat.postMessage</c>): there they end at once
/// as an outcome-unknown <see cref="SlackUnavailableException"/>, and the posting ledger looks the post
/// up before sending again. <c>ok: false</c> becomes a <see cref="SlackApiException"/>.
/// </summary>
public sealed partial class SlackApiClient(HttpClient http, IOptions<SlackOptions> options, TimeProvider time, ILogger<SlackApiClient> logger)
{
    public const int MaxAttempts = 4;
    private readonly SlackOptions _options = options.Value;

    /// <summary>
    /// The message metadata type CourseBot's posts carry (<c>metadata.event_type</c>); its payload names
    /// the post: <c>{"post_key": token}</c>.
    /// </summary>
    public const string PostEventType = "coursebot_post";

    /// <summary>Posts a message; returns its <c>ts</c>. A <paramref name="postKey"/> goes into the message's metadata.</summary>
    public async Task<string> PostMessageAsync(string channel, SlackMessage message, string? postKey, CancellationToken cancellationToken)
    {
        var metadata = postKey is null ? null : new MessageMetadata(PostEventType, new PostKeyPayload(postKey));
        var body = new PostMessageRequest(channel, message.Text, message.Blocks, metadata);
        using var answer = await CallAsync("chat.postMessage", body, SlackJson.Default.PostMessageRequest, _options.BotToken!, cancellationToken);
        return answer.RootElement.Deserialize(SlackJson.Default.PostMessageAnswer)!.Ts;
    }

    /// <summary>
    /// The channel's recent messages, each with the post key in its CourseBot metadata (null for other
    /// messages). Slack returns metadata only when asked (<c>include_all_metadata</c>).
    /// </summary>
    public async Task<IReadOnlyList<(string Ts, string? PostKey)>> RecentAsync(string channel, int limit, CancellationToken cancellationToken)
    {
        using var answer = await CallAsync("conversations.history", new HistoryRequest(channel, limit, IncludeAllMetadata: true), SlackJson.Default.HistoryRequest, _options.BotToken!, cancellationToken);
        return answer.RootElement.Deserialize(SlackJson.Default.HistoryAnswer)!.Messages
            .Select(m => (m.Ts, m.Metadata is { } metadata ? PostKeyOf(metadata) : null))
            .ToArray();
    }

    /// <summary>The post key in CourseBot's own metadata; other apps' metadata, of any shape, is none.</summary>
    private static string? PostKeyOf(JsonElement metadata) =>
        metadata.ValueKind == JsonValueKind.Object
        && metadata.TryGetProperty("event_type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == PostEventType
        && metadata.TryGetProperty("event_payload", out var payload) && payload.ValueKind == JsonValueKind.Object
        && payload.TryGetProperty("post_key", out var key) && key.ValueKind == JsonValueKind.String
            ? key.GetString()
            : null;

    public async Task PublishHomeAsync(string user, HomeView view, CancellationToken cancellationToken)
    {
        using var answer = await CallAsync("views.publish", new PublishViewRequest(user, view), SlackJson.Default.PublishViewRequest, _options.BotToken!, cancellationToken);
    }

    /// <summary>Checks the bot token (<c>auth.test</c>); returns the team and the bot's user id.</summary>
    public async Task<(string Team, string User)> AuthTestAsync(CancellationToken cancellationToken)
    {
        using var answer = await CallAsync("auth.test", NoArguments.Instance, SlackJson.Default.NoArguments, _options.BotToken!, cancellationToken);
        var who = answer.RootElement.Deserialize(SlackJson.Default.AuthTestAnswer)!;
        return (who.TeamId ?? "?", who.UserId ?? "?");
    }

    /// <summary>A Socket Mode WebSocket URL (<c>apps.connections.open</c>, app-level token).</summary>
    public async Task<Uri> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        using var answer = await CallAsync("apps.connections.open", NoArguments.Instance, SlackJson.Default.NoArguments, _options.AppToken!, cancellationToken);
        return new Uri(answer.RootElement.Deserialize(SlackJson.Default.ConnectionsOpenAnswer)!.Url);
    }

    /// <summary>Answers through a slash command's or a button's <c>response_url</c> (no token: the URL is the credential).</summary>
    public async Task RespondAsync(Uri responseUrl, SlackResponse body, CancellationToken cancellationToken)
    {
        using var content = new StringContent(JsonSerializer.Serialize(body, SlackJson.Default.SlackResponse), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(responseUrl, content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new SlackUnavailableException($"Slack refused a response_url answer: {(int)response.StatusCode}");
        }
    }

    /// <summary>Methods where a retry after a timeout or 5xx could act twice (Slack may have posted already).</summary>
    public static bool RetriesAreUnsafe(string method) => method is "chat.postMessage";

    /// <summary>Methods Slack documents as taking a JSON body; the others (the read methods among them) take form fields.</summary>
    public static bool TakesJson(string method) => method is "chat.postMessage" or "chat.update" or "chat.postEphemeral" or "views.publish";

    public async Task<JsonDocument> CallAsync<TBody>(string method, TBody body, JsonTypeInfo<TBody> bodyType, string token, CancellationToken cancellationToken)
    {
        var json = TakesJson(method);
        var payload = json ? JsonSerializer.Serialize(body, bodyType) : Form(JsonSerializer.SerializeToElement(body, bodyType));
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_options.ApiBaseUrl, method))
            {
                Content = new StringContent(payload, Encoding.UTF8, json ? "application/json" : "application/x-www-form-urlencoded"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // A refused connection never reached Slack, so even a post may be tried again.
                var unsent = e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };
                if (!unsent && RetriesAreUnsafe(method))
                {
                    throw new SlackUnavailableException($"Slack did not answer {method} ({e.Message}); it may have taken effect", outcomeUnknown: true, e);
                }

                if (attempt >= MaxAttempts)
                {
                    throw new SlackUnavailableException($"Slack did not answer {method} after {attempt} attempts: {e.Message}", outcomeUnknown: true, e);
                }

                await Task.Delay(Backoff(attempt), time, cancellationToken);
                continue;
            }

            using (response)
            {
                if ((int)response.StatusCode >= 500 && RetriesAreUnsafe(method))
                {
                    throw new SlackUnavailableException($"Slack answered {method} with {(int)response.StatusCode}; it may have taken effect", outcomeUnknown: true);
                }

                if (response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
                {
                    var wait = response.Headers.RetryAfter?.Delta ?? Backoff(attempt);
                    LogRetrying(method, (int)response.StatusCode, wait.TotalSeconds);
                    if (attempt >= MaxAttempts)
                    {
                        throw new SlackUnavailableException($"Slack answered {method} with {(int)response.StatusCode} {attempt} times");
                    }

                    await Task.Delay(wait, time, cancellationToken);
                    continue;
                }

                var answer = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
                if (answer.RootElement.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True)
                {
                    return answer;
                }

                var error = answer.RootElement.TryGetProperty("error", out var e) ? e.GetString() ?? "unknown_error" : "unknown_error";
                answer.Dispose();
                throw new SlackApiException(method, error);
            }
        }
    }

    /// <summary>Form fields, named as in the JSON: strings as they are, anything else as its JSON (<c>50</c>, <c>true</c>).</summary>
    private static string Form(JsonElement body) => string.Join("&", body.EnumerateObject().Select(p =>
        $"{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText())}"));

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromSeconds(Math.Pow(2, attempt - 1) * (0.75 + (Random.Shared.NextDouble() / 2)));

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack {Method} answered {Status}; retrying in {Seconds:0.#} s")]
    private partial void LogRetrying(string method, int status, double seconds);
}
