using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CourseBot.Bot.Delivery;
using CourseBot.Bot.Http;
using CourseBot.Bot.Slack.Wire;
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
        var metadata = postKey is null ? null : new MessageMetadata(PostEventType, new PostKeyPayload(postKey));
        var body = new PostMessageRequest(channel, message.Text, message.Blocks, metadata);
        using var answer = await CallAsync("chat.postMessage", body, SlackJson.Default.PostMessageRequest, _options.BotToken!, cancellationToken);
        return answer.RootElement.Deserialize(SlackJson.Default.PostMessageAnswer)!.Ts;
    }

    /// <summary>Replaces the text and blocks of the message <paramref name="ts"/> (<c>chat.update</c>; safe to repeat).</summary>
    public async Task UpdateMessageAsync(string channel, string ts, SlackMessage message, CancellationToken cancellationToken)
    {
        var body = new UpdateMessageRequest(channel, ts, message.Text, message.Blocks);
        using var answer = await CallAsync("chat.update", body, SlackJson.Default.UpdateMessageRequest, _options.BotToken!, cancellationToken);
    }

    /// <summary>Pins the message <paramref name="ts"/> in <paramref name="channel"/> (<c>pins.add</c>; a pinned one answers <c>already_pinned</c>).</summary>
    public async Task PinAsync(string channel, string ts, CancellationToken cancellationToken)
    {
        using var answer = await CallAsync("pins.add", new PinsAddRequest(channel, ts), SlackPinJson.Default.PinsAddRequest, _options.BotToken!, cancellationToken);
    }

    /// <summary>Answers a question: in the thread of <paramref name="threadTs"/>, or in the channel when it is null. Returns the answer's <c>ts</c>.</summary>
    public async Task<string> ReplyAsync(string channel, string? threadTs, SlackMessage message, CancellationToken cancellationToken)
    {
        var body = new PostMessageRequest(channel, message.Text, message.Blocks, ThreadTs: threadTs);
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
        using var request = new HttpRequestMessage(HttpMethod.Post, responseUrl)
        {
            Content = new StringContent(JsonSerializer.Serialize(body, SlackJson.Default.SlackResponse), Encoding.UTF8, "application/json"),
        };
        using var response = await SendAsync(request, SlackHttp.ResponsePipeline, "a response_url answer", cancellationToken);
    }

    /// <summary>Methods where a retry after a timeout or 5xx could act twice (Slack may have posted already).</summary>
    public static bool RetriesAreUnsafe(string method) => method is "chat.postMessage";

    /// <summary>Methods Slack documents as taking a JSON body; the others (the read methods among them) take form fields.</summary>
    public static bool TakesJson(string method) => method is "chat.postMessage" or "chat.update" or "chat.postEphemeral" or "views.publish";

    public async Task<JsonDocument> CallAsync<TBody>(string method, TBody body, JsonTypeInfo<TBody> bodyType, string token, CancellationToken cancellationToken)
    {
        var json = TakesJson(method);
        var payload = json ? JsonSerializer.Serialize(body, bodyType) : Form(JsonSerializer.SerializeToElement(body, bodyType));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_options.ApiBaseUrl, method))
        {
            Content = new StringContent(payload, Encoding.UTF8, json ? "application/json" : "application/x-www-form-urlencoded"),
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
                : response.StatusCode == HttpStatusCode.TooManyRequests ? new SlackUnavailableException($"Slack kept rate-limiting {what}") { RetryAfter = response.Headers.RetryAfter?.Delta }
                : new SlackUnavailableException($"Slack refused {what}: {status}");
        }

        return response;
    }

    /// <summary>Form fields, named as in the JSON: strings as they are, anything else as its JSON (<c>50</c>, <c>true</c>).</summary>
    private static string Form(JsonElement body) => string.Join("&", body.EnumerateObject().Select(p =>
        $"{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText())}"));

}
