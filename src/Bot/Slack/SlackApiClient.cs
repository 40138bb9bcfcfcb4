using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CourseBot.Bot.Delivery;
using CourseBot.Bot.Http;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace CourseBot.Bot.Slack;

/// <summary>
/// The Web API methods CourseBot calls, as POSTs with the bot token (the app token for
/// <c>apps.connections.open</c>). Retries and timeouts are the HTTP client's pipelines
/// (<see cref="SlackHttp"/>): 429s wait <c>Retry-After</c>; 5xx and timeouts are retried with backoff,
/// except for methods that would act twice (<c>chat.postMessage</c>): there they end at once as an
/// outcome-unknown <see cref="SlackUnavailableException"/>, and the posting ledger looks the post up
/// before sending again. <c>ok: false</c> becomes a <see cref="SlackApiException"/>.
/// </summary>
public sealed class SlackApiClient(HttpClient http, IOptions<SlackOptions> options)
{
    private readonly SlackOptions _options = options.Value;

    /// <summary>
    /// The message metadata type CourseBot's posts carry (<c>metadata.event_type</c>); its payload names
    /// the post: <c>{"post_key": token}</c>.
    /// </summary>
    public const string PostEventType = "coursebot_post";

    /// <summary>Posts a message; returns its <c>ts</c>. A <paramref name="postKey"/> goes into the message's metadata.</summary>
    public async Task<string> PostMessageAsync(string channel, SlackMessage message, string? postKey, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["channel"] = channel,
            ["text"] = message.Text,
            ["blocks"] = message.Blocks.DeepClone(),
            ["unfurl_links"] = false,
            ["unfurl_media"] = false,
        };
        if (postKey is not null)
        {
            body["metadata"] = new JsonObject { ["event_type"] = PostEventType, ["event_payload"] = new JsonObject { ["post_key"] = postKey } };
        }

        using var answer = await CallAsync("chat.postMessage", body, _options.BotToken!, cancellationToken);
        return answer.RootElement.GetProperty("ts").GetString()!;
    }

    /// <summary>
    /// The channel's recent messages, each with the post key in its CourseBot metadata (null for other
    /// messages). Slack returns metadata only when asked (<c>include_all_metadata</c>).
    /// </summary>
    public async Task<IReadOnlyList<(string Ts, string? PostKey)>> RecentAsync(string channel, int limit, CancellationToken cancellationToken)
    {
        using var answer = await CallAsync("conversations.history", new JsonObject { ["channel"] = channel, ["limit"] = limit, ["include_all_metadata"] = true }, _options.BotToken!, cancellationToken);
        return answer.RootElement.GetProperty("messages").EnumerateArray()
            .Select(m => (m.GetProperty("ts").GetString()!, PostKeyOf(m)))
            .ToArray();
    }

    private static string? PostKeyOf(JsonElement message) =>
        message.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
        && metadata.TryGetProperty("event_type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == PostEventType
        && metadata.TryGetProperty("event_payload", out var payload) && payload.ValueKind == JsonValueKind.Object
        && payload.TryGetProperty("post_key", out var key) && key.ValueKind == JsonValueKind.String
            ? key.GetString()
            : null;

    public async Task PublishHomeAsync(string user, JsonObject view, CancellationToken cancellationToken)
    {
        using var answer = await CallAsync("views.publish", new JsonObject { ["user_id"] = user, ["view"] = view }, _options.BotToken!, cancellationToken);
    }

    /// <summary>Checks the bot token (<c>auth.test</c>); returns the team and the bot's user id.</summary>
    public async Task<(string Team, string User)> AuthTestAsync(CancellationToken cancellationToken)
    {
        using var answer = await CallAsync("auth.test", new JsonObject(), _options.BotToken!, cancellationToken);
        var root = answer.RootElement;
        return (root.TryGetProperty("team_id", out var team) ? team.GetString() ?? "?" : "?", root.TryGetProperty("user_id", out var user) ? user.GetString() ?? "?" : "?");
    }

    /// <summary>A Socket Mode WebSocket URL (<c>apps.connections.open</c>, app-level token).</summary>
    public async Task<Uri> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        using var answer = await CallAsync("apps.connections.open", new JsonObject(), _options.AppToken!, cancellationToken);
        return new Uri(answer.RootElement.GetProperty("url").GetString()!);
    }

    /// <summary>Answers through a slash command's or a button's <c>response_url</c> (no token: the URL is the credential).</summary>
    public async Task RespondAsync(Uri responseUrl, JsonObject body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, responseUrl) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        using var response = await SendAsync(request, SlackHttp.ResponsePipeline, "a response_url answer", cancellationToken);
    }

    /// <summary>Methods where a retry after a timeout or 5xx could act twice (Slack may have posted already).</summary>
    public static bool RetriesAreUnsafe(string method) => method is "chat.postMessage";

    /// <summary>Methods Slack documents as taking a JSON body; the others (the read methods among them) take form fields.</summary>
    public static bool TakesJson(string method) => method is "chat.postMessage" or "chat.update" or "chat.postEphemeral" or "views.publish";

    public async Task<JsonDocument> CallAsync(string method, JsonObject body, string token, CancellationToken cancellationToken)
    {
        var json = TakesJson(method);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_options.ApiBaseUrl, method))
        {
            Content = new StringContent(json ? body.ToJsonString() : Form(body), Encoding.UTF8, json ? "application/json" : "application/x-www-form-urlencoded"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await SendAsync(request, RetriesAreUnsafe(method) ? SlackHttp.PostPipeline : SlackHttp.WebPipeline, method, cancellationToken);
        var answer = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        if (answer.RootElement.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True)
        {
            return answer;
        }

        var error = answer.RootElement.TryGetProperty("error", out var e) ? e.GetString() ?? "unknown_error" : "unknown_error";
        answer.Dispose();
        throw new SlackApiException(method, error);
    }

    /// <summary>
    /// Sends through the named pipeline (<see cref="SlackHttp"/>); returns Slack's answer, or throws
    /// <see cref="SlackUnavailableException"/> when there is none worth reading (no answer, 5xx, 429).
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string pipeline, string what, CancellationToken cancellationToken)
    {
        request.Options.Set(HttpPipelines.Pipeline, pipeline);
        request.Options.Set(HttpPipelines.Label, $"Slack {what}");
        var unsafeToRepeat = pipeline == SlackHttp.PostPipeline;
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException)
        {
            throw new SlackUnavailableException(
                unsafeToRepeat && !HttpPipelines.NeverSent(e) ? $"Slack did not answer {what} ({e.Message}); it may have taken effect" : $"Slack did not answer {what}: {e.Message}",
                outcomeUnknown: true,
                e);
        }

        var status = (int)response.StatusCode;
        if (status >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests || (pipeline == SlackHttp.ResponsePipeline && !response.IsSuccessStatusCode))
        {
            response.Dispose();
            throw status >= 500 && unsafeToRepeat ? new SlackUnavailableException($"Slack answered {what} with {status}; it may have taken effect", outcomeUnknown: true)
                : status >= 500 ? new SlackUnavailableException($"Slack answered {what} with {status}")
                : response.StatusCode == HttpStatusCode.TooManyRequests ? new SlackUnavailableException($"Slack kept rate-limiting {what}")
                : new SlackUnavailableException($"Slack refused {what}: {status}");
        }

        return response;
    }

    /// <summary>Form fields: strings and numbers as they are, anything structured as its JSON.</summary>
    private static string Form(JsonObject body) => string.Join("&", body.Select(p =>
        $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value is JsonValue v && v.TryGetValue<string>(out var text) ? text : p.Value?.ToJsonString() ?? "")}"));

}
