using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CourseBot.Bot.Tests.Running;
using CourseBot.Bot.Tests.Specs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CourseBot.Bot.Tests.Discord.Fakes;

/// <summary>One request the fake received, with its body and when it arrived.</summary>
public sealed record RecordedRequest(string Method, string Template, string Path, JsonElement? Body, DateTimeOffset At, string? Authorization, string? UserAgent);

/// <summary>
/// Discord's REST API on loopback, as far as CourseBot uses it. Every request is checked like Discord
/// would: the token, the User-Agent, and the JSON body against <c>shared/specs/discord-openapi.json</c>
/// (violations are collected in <see cref="Violations"/> and answered 400). Channel posts are rate
/// limited per channel with Discord's headers and realistic 429s; nonces are enforced only within
/// <see cref="NonceWindow"/>, and listing a channel returns messages as Discord does (content, embeds,
/// author; never the nonce); interaction callbacks may be answered once. Tests make it misbehave
/// through <see cref="Intercept"/>.
/// </summary>
public sealed partial class FakeDiscordApi : IAsyncDisposable
{
    public const string Token = "fake-bot-token.with.dots";
    public const string ApplicationId = "1100000000000000001";

    private readonly TimeProvider _time;
    private WebApplication _app = null!;
    private readonly OpenApiSpec _spec = OpenApiSpec.Load("discord-openapi.json");
    private readonly ConcurrentDictionary<string, Window> _windows = new();
    private readonly ConcurrentDictionary<string, int> _callbacks = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _acknowledged = new();
    private long _nextId = 1_300_000_000_000_000_000;

    public Uri ApiBaseUrl { get; private set; } = null!;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public ConcurrentQueue<string> Violations { get; } = new();

    /// <summary>Posted messages per channel, in order.</summary>
    public ConcurrentDictionary<string, List<PostedMessage>> Channels { get; } = new();

    /// <summary>Messages per channel per window before a 429.</summary>
    public int ChannelLimit { get; set; } = 5;

    public TimeSpan ChannelWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long <c>enforce_nonce</c> de-duplicates: Discord says "the past few minutes" (message.mdx).</summary>
    public TimeSpan NonceWindow { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Channels that answer 404 Unknown Channel / 403 Missing Permissions.</summary>
    public HashSet<string> UnknownChannels { get; } = [];

    public HashSet<string> ForbiddenChannels { get; } = [];

    /// <summary>What <c>GET /gateway/bot</c> answers (a loopback fake gateway in end-to-end tests).</summary>
    public Uri GatewayUrl { get; set; } = new("ws://127.0.0.1:9/");

    /// <summary>This many created messages lose their response: stored, then the connection is cut.</summary>
    public int LoseResponsesAfterCreate { get; set; }

    /// <summary>Runs first for every request; a non-null result is sent instead of the normal answer.</summary>
    public Func<RecordedRequest, HttpContext, IResult?>? Intercept { get; set; }

    public int TooManyRequestsSent => _tooMany;

    /// <summary>Webhook calls refused because Discord did not yet have the interaction's initial response.</summary>
    public ConcurrentQueue<string> UnacknowledgedWebhookCalls { get; } = new();

    /// <summary>
    /// Discord has the initial response for this interaction token: in HTTP mode the test's client calls
    /// this when it receives the inline answer; callbacks through the API record it themselves.
    /// </summary>
    public void Acknowledged(string interactionToken) => AcknowledgementOf(interactionToken).TrySetResult();

    /// <summary>
    /// How long a webhook call waits for its interaction's acknowledgement: the test's client reads the
    /// inline answer a moment after the bot flushed it, as Discord does. Far shorter than the delays tests
    /// use to expose calls made before the answer left.
    /// </summary>
    public TimeSpan AnswerInFlight { get; set; } = TimeSpan.FromMilliseconds(250);

    private int _tooMany;

    public IEnumerable<RecordedRequest> To(string template) => Requests.Where(r => r.Template == template);

    private FakeDiscordApi(TimeProvider time) => _time = time;

    /// <param name="time">The clock requests are stamped with and rate-limit windows, nonces and the answer in flight run on; the system clock unless the bot shares a fake one.</param>
    public static async Task<FakeDiscordApi> StartAsync(TimeProvider? time = null)
    {
        var fake = new FakeDiscordApi(time ?? TimeProvider.System);
        var (app, root) = await LoopbackApp.StartAsync(fake.Map);
        fake._app = app;
        fake.ApiBaseUrl = new Uri(root, "api/v10");
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>A 429 as Discord sends it: headers and a JSON body with <c>retry_after</c> in seconds.</summary>
    public IResult TooManyRequests(HttpContext http, double retryAfter, bool global, string bucket = "fake-bucket")
    {
        Interlocked.Increment(ref _tooMany);
        var headers = http.Response.Headers;
        headers["Retry-After"] = Math.Ceiling(retryAfter).ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Scope"] = global ? "global" : "user";
        if (global)
        {
            headers["X-RateLimit-Global"] = "true";
        }
        else
        {
            headers["X-RateLimit-Limit"] = ChannelLimit.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Remaining"] = "0";
            headers["X-RateLimit-Reset-After"] = retryAfter.ToString("0.000", CultureInfo.InvariantCulture);
            headers["X-RateLimit-Bucket"] = bucket;
        }

        return Results.Json(new { message = "You are being rate limited.", retry_after = retryAfter, global }, statusCode: 429);
    }

    public static IResult Error(int status, int code, string message) => Results.Json(new { message, code }, statusCode: status);

    private void Map(WebApplication app)
    {
        const string api = "/api/v10";
        app.MapGet(api + "/gateway/bot", (Delegate)((HttpContext h) => Handle(h, "/gateway/bot", _ => Results.Json(new { url = GatewayUrl.ToString().TrimEnd('/'), shards = 1, session_start_limit = new { total = 1000, remaining = 999, reset_after = 14400000, max_concurrency = 1 } }))));
        app.MapPost(api + "/channels/{channel}/messages", (HttpContext h, string channel) => Handle(h, "/channels/{channel_id}/messages", r => CreateMessage(h, channel, r.Body!.Value)));
        app.MapMethods(api + "/channels/{channel}/messages/{message}", ["PATCH"], (HttpContext h, string channel, string message) => Handle(h, EditTemplate, r => EditMessage(channel, message, r)));
        app.MapGet(api + "/channels/{channel}/messages", (HttpContext h, string channel) => Handle(h, "/channels/{channel_id}/messages", _ => History(h, channel)));
        app.MapPost(api + "/interactions/{id}/{token}/callback", (HttpContext h, string id, string token) => Handle(h, "/interactions/{interaction_id}/{interaction_token}/callback", _ => Callback(id, token)));
        app.MapMethods(api + "/webhooks/{app}/{token}/messages/@original", ["PATCH"], (HttpContext h, string token) => Handle(h, "/webhooks/{webhook_id}/{webhook_token}/messages/@original", _ => Webhook(token)));
        app.MapPost(api + "/webhooks/{app}/{token}", (HttpContext h, string token) => Handle(h, "/webhooks/{webhook_id}/{webhook_token}", _ => Webhook(token)));
        app.MapPut(api + "/applications/{app}/commands", (Delegate)((HttpContext h) => Handle(h, "/applications/{application_id}/commands", _ => Results.Json(Array.Empty<object>()))));
        app.MapPut(api + "/applications/{app}/guilds/{guild}/commands", (Delegate)((HttpContext h) => Handle(h, "/applications/{application_id}/guilds/{guild_id}/commands", _ => Results.Json(Array.Empty<object>()))));
        MapScheduledEvents(app, api);
        MapDirectMessages(app, api);
    }

    private Task<IResult> Handle(HttpContext http, string template, Func<RecordedRequest, IResult> answer) =>
        Handle(http, template, r => Task.FromResult(answer(r)));

    private async Task<IResult> Handle(HttpContext http, string template, Func<RecordedRequest, Task<IResult>> answer)
    {
        using var reader = new StreamReader(http.Request.Body);
        var text = await reader.ReadToEndAsync();
        JsonElement? body = text.Length == 0 ? null : JsonDocument.Parse(text).RootElement.Clone();
        var request = new RecordedRequest(http.Request.Method, template, http.Request.Path + http.Request.QueryString, body,
            _time.GetUtcNow(), http.Request.Headers.Authorization, http.Request.Headers.UserAgent);
        Requests.Enqueue(request);

        if (request.Authorization != "Bot " + Token)
        {
            return Error(401, 0, "401: Unauthorized");
        }

        if (request.UserAgent is null || !UserAgentRule().IsMatch(request.UserAgent))
        {
            Violations.Enqueue($"{request.Method} {template}: User-Agent '{request.UserAgent}' is not 'DiscordBot ($url, $version)'");
            return Error(400, 0, "bad user agent");
        }

        if (body is { } json)
        {
            var problems = _spec.CheckJsonBody(template, request.Method, json);
            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    Violations.Enqueue($"{request.Method} {template}: {problem}");
                }

                return Error(400, 50035, "Invalid Form Body");
            }
        }

        if (body is { } message && MessageLimitProblems(template, message) is { Count: > 0 } tooBig)
        {
            foreach (var problem in tooBig)
            {
                Violations.Enqueue($"{request.Method} {template}: {problem}");
            }

            return Error(400, 50035, "Invalid Form Body");
        }

        return Intercept?.Invoke(request, http) ?? await answer(request);
    }

    /// <summary>
    /// Discord's message limits (message.mdx), counted from the JSON as received: content up to 2 000
    /// characters, at most 10 embeds, and 6 000 characters over all embeds' title, description, field
    /// names and values, footer text and author name.
    /// </summary>
    private static List<string> MessageLimitProblems(string template, JsonElement body)
    {
        var problems = new List<string>();
        var message = template switch
        {
            "/channels/{channel_id}/messages" or "/webhooks/{webhook_id}/{webhook_token}" or "/webhooks/{webhook_id}/{webhook_token}/messages/@original" => body,
            "/interactions/{interaction_id}/{interaction_token}/callback" when body.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object => data,
            _ => default,
        };
        if (message.ValueKind != JsonValueKind.Object)
        {
            return problems;
        }

        if (message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String && content.GetString()!.Length > 2000)
        {
            problems.Add($"content has {content.GetString()!.Length} characters (max 2000)");
        }

        if (message.TryGetProperty("embeds", out var embeds) && embeds.ValueKind == JsonValueKind.Array)
        {
            if (embeds.GetArrayLength() > 10)
            {
                problems.Add($"{embeds.GetArrayLength()} embeds (max 10)");
            }

            var total = embeds.EnumerateArray().Sum(EmbedCharacters);
            if (total > 6000)
            {
                problems.Add($"embeds total {total} characters (max 6000)");
            }
        }

        return problems;
    }

    private static int EmbedCharacters(JsonElement embed)
    {
        static int Text(JsonElement parent, string name) =>
            parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()!.Length : 0;

        var total = Text(embed, "title") + Text(embed, "description");
        if (embed.TryGetProperty("fields", out var fields) && fields.ValueKind == JsonValueKind.Array)
        {
            total += fields.EnumerateArray().Sum(f => Text(f, "name") + Text(f, "value"));
        }

        total += embed.TryGetProperty("footer", out var footer) ? Text(footer, "text") : 0;
        total += embed.TryGetProperty("author", out var author) ? Text(author, "name") : 0;
        return total;
    }

    private IResult CreateMessage(HttpContext http, string channel, JsonElement body)
    {
        if (UnknownChannels.Contains(channel))
        {
            return Error(404, 10003, "Unknown Channel");
        }

        if (ForbiddenChannels.Contains(channel))
        {
            return Error(403, 50013, "Missing Permissions");
        }

        var window = _windows.GetOrAdd(channel, _ => new Window());
        double resetAfter;
        int remaining;
        lock (window)
        {
            var now = _time.GetUtcNow();
            if (now >= window.ResetAt)
            {
                window.ResetAt = now + ChannelWindow;
                window.Used = 0;
            }

            resetAfter = (window.ResetAt - now).TotalSeconds;
            if (window.Used >= ChannelLimit)
            {
                return TooManyRequests(http, resetAfter, global: false, bucket: "channel-messages");
            }

            remaining = ChannelLimit - ++window.Used;
        }

        var headers = http.Response.Headers;
        headers["X-RateLimit-Limit"] = ChannelLimit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset-After"] = resetAfter.ToString("0.000", CultureInfo.InvariantCulture);
        headers["X-RateLimit-Bucket"] = "channel-messages";

        var nonce = body.TryGetProperty("nonce", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        var enforce = body.TryGetProperty("enforce_nonce", out var e) && e.ValueKind == JsonValueKind.True;
        var messages = Channels.GetOrAdd(channel, _ => []);
        lock (messages)
        {
            // enforce_nonce: the same nonce again within the window returns the message already created (message.mdx).
            var now = _time.GetUtcNow();
            if (enforce && nonce is not null && messages.FirstOrDefault(m => m.Nonce == nonce && now - m.At < NonceWindow) is { } existing)
            {
                return Results.Json(Message(channel, nonce, existing.Id));
            }

            var created = Message(channel, nonce);
            messages.Add(new PostedMessage((string)created["id"]!, nonce, body, now));
            if (LoseResponsesAfterCreate > 0)
            {
                LoseResponsesAfterCreate--;
                http.Abort();
                return Results.Empty;
            }

            return Results.Json(created);
        }
    }

    /// <summary>
    /// <c>GET /channels/{id}/messages</c>: newest first, at most <c>limit</c> (default 50). Each message as
    /// Discord lists it: id, content, embeds as posted, the bot as author; the nonce is not returned.
    /// </summary>
    private IResult History(HttpContext http, string channel)
    {
        var limit = int.TryParse(http.Request.Query["limit"], CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 1, 100) : 50;
        var messages = Channels.GetOrAdd(channel, _ => []);
        lock (messages)
        {
            return Results.Json(messages.AsEnumerable().Reverse().Take(limit).Select(m => Listed(channel, m)).ToArray());
        }
    }

    private static JsonObject Listed(string channel, PostedMessage message) => new()
    {
        ["id"] = message.Id,
        ["channel_id"] = channel,
        ["type"] = 0,
        ["content"] = message.Body.TryGetProperty("content", out var content) ? content.GetString() : "",
        ["embeds"] = message.Body.TryGetProperty("embeds", out var embeds) ? JsonNode.Parse(embeds.GetRawText()) : new JsonArray(),
        ["author"] = new JsonObject { ["id"] = ApplicationId, ["username"] = "CourseBot", ["bot"] = true },
    };

    private IResult Callback(string interaction, string token)
    {
        if (_callbacks.AddOrUpdate(interaction, 1, (_, n) => n + 1) > 1)
        {
            return Error(400, 40060, "Interaction has already been acknowledged.");
        }

        Acknowledged(token);
        return Results.NoContent();
    }

    /// <summary>Discord knows an interaction's webhook only once it has the initial response.</summary>
    private async Task<IResult> Webhook(string token)
    {
        var acknowledged = AcknowledgementOf(token).Task;
        if (await Task.WhenAny(acknowledged, Task.Delay(AnswerInFlight, _time)) != acknowledged)
        {
            UnacknowledgedWebhookCalls.Enqueue(token);
            return Error(404, 10015, "Unknown Webhook");
        }

        return Results.Json(Message("webhook", null));
    }

    private TaskCompletionSource AcknowledgementOf(string token) =>
        _acknowledged.GetOrAdd(token, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private JsonObject Message(string channel, string? nonce, string? id = null) => new()
    {
        ["id"] = id ?? Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture),
        ["channel_id"] = channel,
        ["type"] = 0,
        ["content"] = "",
        ["nonce"] = nonce,
    };

    [GeneratedRegex(@"^DiscordBot \(https?://\S+, [0-9][0-9.]*\)$")]
    private static partial Regex UserAgentRule();

    private sealed class Window
    {
        public DateTimeOffset ResetAt { get; set; }

        public int Used { get; set; }
    }
}

/// <summary>A message the fake holds for a channel, and when it was created.</summary>
public sealed record PostedMessage(string Id, string? Nonce, JsonElement Body, DateTimeOffset At);
