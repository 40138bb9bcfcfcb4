using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CourseBot.Bot.Slack;
using CourseBot.Bot.Tests.Running;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CourseBot.Bot.Tests.Slack;

/// <summary>A Web API call the fake received.</summary>
public sealed record SlackCall(string Method, string? Token, JsonObject Body, DateTimeOffset At);

/// <summary>
/// Slack on loopback: the Web API (each call checked against <c>shared/specs/slack-web-openapi-v2.json</c>
/// and Block Kit's limits, <c>chat.postMessage</c> limited to one per second per channel with real
/// 429s; <c>conversations.history</c> lists what was posted, with message metadata only when asked for
/// with <c>include_all_metadata</c>, as Slack does), <c>response_url</c>s, and a Socket Mode WebSocket that says hello, takes acknowledgements,
/// and can ask for a refresh, disable the link, or go silent.
/// </summary>
public sealed partial class FakeSlack : IAsyncDisposable
{
    public const string BotToken = "xoxb-fake-bot-token";
    public const string AppToken = "xapp-fake-app-token";
    private static readonly JsonDocument Spec = JsonDocument.Parse(File.ReadAllBytes(SpecPath()));
    private readonly TimeProvider _time;
    private WebApplication _app = null!;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastPost = new();
    private readonly ConcurrentDictionary<string, List<JsonObject>> _posted = new();

    /// <summary>Parameters Slack documents that are newer than the stored spec (2021).</summary>
    private static readonly Dictionary<string, string[]> NewerParameters = new()
    {
        ["chat.postMessage"] = ["metadata"],
        ["conversations.history"] = ["include_all_metadata"],
    };
    private readonly List<SocketPeer> _sockets = [];
    private SilenceableRelay _relay = null!;
    private long _ts;

    public Uri ApiBaseUrl { get; private set; } = null!;

    public Uri Root { get; private set; } = null!;

    public ConcurrentQueue<SlackCall> Calls { get; } = new();

    public ConcurrentQueue<string> Violations { get; } = new();

    /// <summary>Bodies sent to response_urls, in order.</summary>
    public ConcurrentQueue<JsonObject> Responses { get; } = new();

    /// <summary>Acknowledgements received on the sockets: (socket number, ack).</summary>
    public ConcurrentQueue<(int Socket, JsonObject Ack)> Acks { get; } = new();

    /// <summary>Socket events in order: "open 1", "close 1", …</summary>
    public ConcurrentQueue<string> SocketLog { get; } = new();

    public ConcurrentDictionary<string, string> ChannelErrors { get; } = new();

    public int TooManyRequestsSent => _tooMany;

    private int _tooMany;

    /// <summary>The next this-many chat.postMessage calls get a 429 regardless.</summary>
    public int ForceRateLimits { get; set; }

    /// <summary>The next this-many chat.postMessage calls post the message, then answer 500 (the poster cannot tell it went out).</summary>
    public int FailAfterPosting { get; set; }

    public IEnumerable<SlackCall> To(string method) => Calls.Where(c => c.Method == method);

    public Uri ResponseUrl(string id) => new(Root, $"respond/{id}");

    private FakeSlack(TimeProvider time) => _time = time;

    /// <param name="time">The clock calls are stamped with and the per-channel rate limit runs on; the system clock unless the bot shares a fake one.</param>
    public static async Task<FakeSlack> StartAsync(TimeProvider? time = null)
    {
        var fake = new FakeSlack(time ?? TimeProvider.System);
        var (app, root) = await LoopbackApp.StartAsync(app =>
        {
            app.Map("/api/{method}", fake.ApiAsync);
            app.MapPost("/respond/{id}", (Delegate)fake.RespondAsync);
            app.Map("/socket", fake.SocketAsync);
        });
        fake._app = app;
        fake.Root = root;
        fake.ApiBaseUrl = new Uri(root, "api/");
        fake._relay = new SilenceableRelay(root.Port);
        return fake;
    }

    /// <summary>Sends an envelope on the newest socket.</summary>
    public Task SendEnvelopeAsync(string type, JsonObject payload, string envelopeId, int retryAttempt = 0) =>
        Newest().SendAsync(new JsonObject
        {
            ["envelope_id"] = envelopeId, ["type"] = type, ["payload"] = payload,
            ["accepts_response_payload"] = type == "slash_commands", ["retry_attempt"] = retryAttempt, ["retry_reason"] = retryAttempt > 0 ? "timeout" : "",
        });

    /// <summary>Sends a text frame as it is (not necessarily JSON) on the newest socket.</summary>
    public Task SendRawAsync(string text) => Newest().SendTextAsync(text);

    public Task DisconnectAsync(string reason) =>
        Newest().SendAsync(new JsonObject { ["type"] = "disconnect", ["reason"] = reason, ["debug_info"] = new JsonObject { ["host"] = "fake" } });

    /// <summary>The newest socket goes half-open: nothing passes either way, and nothing closes it.</summary>
    public void GoSilent() => _relay.SilenceNewest();

    public int OpenSockets
    {
        get
        {
            lock (_sockets)
            {
                return _sockets.Count(s => !s.Closed);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_sockets)
        {
            foreach (var socket in _sockets)
            {
                socket.Socket.Abort();
            }
        }

        await _relay.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Block Kit's documented limits for a message.</summary>
    public const int MessageBlocks = 50;

    /// <summary>Modals and App Home views.</summary>
    public const int ViewBlocks = 100;

    /// <summary>
    /// The cumulative cap behind <c>msg_blocks_too_long</c> is undocumented (≈12–13k characters,
    /// PLATFORMS.md §3a); the fake refuses at its lower end.
    /// </summary>
    public const int MessageCharacters = 12000;

    /// <summary>
    /// Block Kit's limits, as Slack documents them (written out here rather than taken from
    /// <c>SlackLimits</c>, so a wrong constant in the code cannot pass its own check).
    /// </summary>
    public static IEnumerable<string> BlockProblems(JsonArray blocks, int maxBlocks)
    {
        if (blocks.Count > maxBlocks)
        {
            yield return $"{blocks.Count} blocks (at most {maxBlocks})";
        }

        var characters = 0;
        foreach (var block in blocks.OfType<JsonObject>())
        {
            var type = block["type"]?.GetValue<string>();
            var text = block["text"]?["text"]?.GetValue<string>() ?? "";
            characters += text.Length;
            if (type == "header" && (text.Length > 150 || block["text"]?["type"]?.GetValue<string>() != "plain_text"))
            {
                yield return $"header of {text.Length} characters or not plain_text";
            }

            if (type == "section")
            {
                var fields = block["fields"] as JsonArray;
                if ((fields is null && text.Length == 0) || text.Length > 3000)
                {
                    yield return $"section text of {text.Length} characters";
                }

                if (fields is { Count: > 10 })
                {
                    yield return $"{fields.Count} section fields (at most 10)";
                }

                foreach (var field in fields?.OfType<JsonObject>() ?? [])
                {
                    var fieldText = field["text"]?.GetValue<string>() ?? "";
                    characters += fieldText.Length;
                    if (fieldText.Length > 2000)
                    {
                        yield return $"section field of {fieldText.Length} characters (at most 2000)";
                    }
                }
            }

            if (type == "context" && block["elements"] is JsonArray { Count: > 10 } contextElements)
            {
                yield return $"{contextElements.Count} context elements (at most 10)";
            }

            if (type == "actions" && block["elements"] is JsonArray actionElements)
            {
                if (actionElements.Count > 25)
                {
                    yield return $"{actionElements.Count} actions (at most 25)";
                }

                foreach (var element in actionElements.OfType<JsonObject>())
                {
                    // Counted towards the cumulative cap too: whether Slack does is undocumented, so assume it.
                    characters += element["value"]?.GetValue<string>().Length ?? 0;
                    if (element["value"]?.GetValue<string>() is { Length: > 2000 } value)
                    {
                        yield return $"button value of {value.Length} characters (at most 2000)";
                    }

                    if (element["action_id"]?.GetValue<string>() is { Length: > 255 })
                    {
                        yield return "action_id too long";
                    }

                    if (element["text"]?["text"]?.GetValue<string>() is { Length: > 75 })
                    {
                        yield return "button text too long";
                    }

                    if (element["placeholder"]?["text"]?.GetValue<string>() is { Length: > 150 })
                    {
                        yield return "select placeholder too long";
                    }

                    if (element["options"] is JsonArray options)
                    {
                        if (options.Count is 0 or > 100)
                        {
                            yield return $"{options.Count} select options (1 to 100)";
                        }

                        foreach (var option in options.OfType<JsonObject>())
                        {
                            var optionValue = option["value"]?.GetValue<string>() ?? "";
                            var optionText = option["text"]?["text"]?.GetValue<string>() ?? "";
                            characters += optionValue.Length + optionText.Length;
                            if (optionValue.Length is 0 or > 150 || optionText.Length is 0 or > 75 || option["description"]?["text"]?.GetValue<string>() is { Length: > 75 })
                            {
                                yield return $"select option '{optionText}' → '{optionValue}' outside 1–75 / 1–150 characters (description at most 75)";
                            }
                        }

                        if (options.Select(o => o?["value"]?.GetValue<string>()).Distinct().Count() != options.Count)
                        {
                            yield return "select option values repeat";
                        }
                    }
                }
            }

            foreach (var element in (block["elements"] as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                characters += element["text"] is JsonValue t ? t.GetValue<string>().Length : element["text"]?["text"]?.GetValue<string>().Length ?? 0;
            }

            if (block["block_id"]?.GetValue<string>() is { Length: > 255 })
            {
                yield return "block_id too long";
            }

            if (type is not ("header" or "section" or "divider" or "actions" or "context"))
            {
                yield return $"unexpected block type {type}";
            }
        }

        if (characters > MessageCharacters)
        {
            yield return $"{characters} characters of text in all (msg_blocks_too_long above about {MessageCharacters})";
        }
    }

    private SocketPeer Newest()
    {
        lock (_sockets)
        {
            return _sockets.Last(s => !s.Closed);
        }
    }

    private async Task<IResult> ApiAsync(HttpContext http, string method)
    {
        var json = http.Request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true;
        var form = http.Request.HasFormContentType;
        if (!HttpMethods.IsPost(http.Request.Method) && !(HttpMethods.IsGet(http.Request.Method) && !TakesJson(method)))
        {
            Violations.Enqueue($"{method}: sent with {http.Request.Method}");
        }

        // Slack takes JSON bodies only on the write methods that document them; the rest read form fields.
        if (HttpMethods.IsPost(http.Request.Method) && (TakesJson(method) ? !json : !form))
        {
            Violations.Enqueue($"{method}: sent as {http.Request.ContentType}, expected {(TakesJson(method) ? "application/json" : "application/x-www-form-urlencoded")}");
        }

        JsonObject body;
        if (form)
        {
            body = [];
            foreach (var (name, value) in await http.Request.ReadFormAsync())
            {
                body[name] = value.ToString();
            }
        }
        else if (HttpMethods.IsGet(http.Request.Method))
        {
            body = [];
            foreach (var (name, value) in http.Request.Query)
            {
                body[name] = value.ToString();
            }
        }
        else
        {
            body = await JsonNode.ParseAsync(http.Request.Body) as JsonObject ?? [];
        }

        var token = http.Request.Headers.Authorization.ToString() is { Length: > 7 } auth ? auth["Bearer ".Length..] : null;
        var call = new SlackCall(method, token, body, _time.GetUtcNow());
        Calls.Enqueue(call);
        var wanted = method == "apps.connections.open" ? AppToken : BotToken;
        if (token != wanted)
        {
            return Results.Json(new { ok = false, error = "invalid_auth" });
        }

        foreach (var problem in SpecProblems(method, body))
        {
            Violations.Enqueue($"{method}: {problem}");
        }

        return method switch
        {
            "chat.postMessage" => PostMessage(http, body),
            "conversations.history" => History(body),
            "chat.update" => UpdateMessage(http, body),
            "views.publish" => PublishView(body),
            "pins.add" => AddPin(body),
            "auth.test" => Results.Json(new { ok = true, url = "https://fake.slack.com/", team = "Course", team_id = "T0FAKE", user = "coursebot", user_id = "U0BOT", bot_id = "B0BOT" }),
            "apps.connections.open" => Results.Json(new { ok = true, url = $"ws://127.0.0.1:{_relay.Port}/socket" }),
            _ => Results.Json(new { ok = false, error = "unknown_method" }),
        };
    }

    /// <summary>Web API methods whose documentation lists application/json among the accepted content types.</summary>
    private static bool TakesJson(string method) => method is "chat.postMessage" or "chat.update" or "chat.postEphemeral" or "chat.scheduleMessage" or "views.publish" or "views.open" or "views.update" or "views.push";

    /// <summary>The method must exist, its required parameters be given, and no unknown parameter be sent.</summary>
    private static IEnumerable<string> SpecProblems(string method, JsonObject body)
    {
        if (method == "apps.connections.open")
        {
            // Newer than the stored spec (2021); Slack documents it with no parameters.
            if (body.Count > 0)
            {
                yield return "takes no parameters";
            }

            yield break;
        }

        if (!Spec.RootElement.GetProperty("paths").TryGetProperty("/" + method, out var path))
        {
            yield return "not in the spec";
            yield break;
        }

        var operation = path.EnumerateObject().First().Value;
        var parameters = operation.GetProperty("parameters").EnumerateArray()
            .Where(p => p.GetProperty("name").GetString() != "token")
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.TryGetProperty("required", out var r) && r.GetBoolean());
        foreach (var (name, required) in parameters.Where(p => p.Value))
        {
            if (!body.ContainsKey(name))
            {
                yield return $"'{name}' is required";
            }
        }

        var newer = NewerParameters.GetValueOrDefault(method, []);
        foreach (var name in body.Select(p => p.Key).Where(name => !parameters.ContainsKey(name) && !newer.Contains(name)))
        {
            yield return $"'{name}' is not a parameter of {method}";
        }
    }

    private IResult PostMessage(HttpContext http, JsonObject body)
    {
        var channel = body["channel"]!.GetValue<string>();
        if (ChannelErrors.TryGetValue(channel, out var error))
        {
            return Results.Json(new { ok = false, error });
        }

        foreach (var problem in BlockProblems((JsonArray)body["blocks"]!, MessageBlocks))
        {
            Violations.Enqueue($"chat.postMessage blocks: {problem}");
        }

        var now = _time.GetUtcNow();
        lock (_lastPost)
        {
            // About one message per second per channel (a little slack for clock granularity).
            if (ForceRateLimits > 0 || (_lastPost.TryGetValue(channel, out var last) && now - last < TimeSpan.FromMilliseconds(950)))
            {
                ForceRateLimits = Math.Max(0, ForceRateLimits - 1);
                Interlocked.Increment(ref _tooMany);
                http.Response.Headers["Retry-After"] = "1";
                return Results.Json(new { ok = false, error = "ratelimited" }, statusCode: 429);
            }

            _lastPost[channel] = now;
        }

        foreach (var problem in MetadataProblems(body["metadata"]))
        {
            Violations.Enqueue($"chat.postMessage metadata: {problem}");
        }

        var ts = $"1764000000.{Interlocked.Increment(ref _ts):D6}";
        var stored = new JsonObject { ["type"] = "message", ["ts"] = ts, ["text"] = body["text"]?.DeepClone(), ["blocks"] = body["blocks"]!.DeepClone() };
        if (body["metadata"] is { } metadata)
        {
            stored["metadata"] = metadata.DeepClone();
        }

        var channelMessages = _posted.GetOrAdd(channel, _ => []);
        lock (channelMessages)
        {
            channelMessages.Add(stored);
        }

        if (FailAfterPosting > 0)
        {
            FailAfterPosting--;
            return Results.Json(new { ok = false, error = "internal_error" }, statusCode: 500);
        }

        return Results.Json(new JsonObject { ["ok"] = true, ["channel"] = channel, ["ts"] = ts, ["message"] = new JsonObject { ["ts"] = ts, ["blocks"] = body["blocks"]!.DeepClone() } });
    }

    /// <summary>Message metadata as Slack documents it: an <c>event_type</c> name and an <c>event_payload</c> object.</summary>
    private static IEnumerable<string> MetadataProblems(JsonNode? metadata)
    {
        if (metadata is null)
        {
            yield break;
        }

        if (metadata is not JsonObject fields)
        {
            yield return "not an object";
            yield break;
        }

        if (fields["event_type"] is not JsonValue type || type.GetValueKind() != JsonValueKind.String
            || !System.Text.RegularExpressions.Regex.IsMatch(type.GetValue<string>(), "^[a-z0-9_]{1,255}$"))
        {
            yield return "event_type must be a name like resource_action";
        }

        if (fields["event_payload"] is not JsonObject)
        {
            yield return "event_payload must be an object";
        }
    }

    /// <summary>
    /// The messages actually posted to a channel, newest first, at most <c>limit</c> (Slack's default 100).
    /// Metadata is left out unless <c>include_all_metadata</c> is true, as Slack does.
    /// </summary>
    private IResult History(JsonObject body)
    {
        var channel = body["channel"]!.GetValue<string>();
        var limit = int.TryParse(body["limit"]?.GetValue<string>(), CultureInfo.InvariantCulture, out var n) ? n : 100;
        var withMetadata = body["include_all_metadata"]?.GetValue<string>() is "true" or "1";
        var messages = new JsonArray();
        var channelMessages = _posted.GetOrAdd(channel, _ => []);
        lock (channelMessages)
        {
            foreach (var message in Enumerable.Reverse(channelMessages).Take(limit))
            {
                var listed = (JsonObject)message.DeepClone();
                if (!withMetadata)
                {
                    listed.Remove("metadata");
                }

                messages.Add(listed);
            }
        }

        return Results.Json(new JsonObject { ["ok"] = true, ["messages"] = messages });
    }

    private IResult PublishView(JsonObject body)
    {
        var view = (JsonObject)body["view"]!;
        if (view["type"]?.GetValue<string>() != "home")
        {
            Violations.Enqueue("views.publish: the view is not of type home");
        }

        foreach (var problem in BlockProblems((JsonArray)view["blocks"]!, ViewBlocks))
        {
            Violations.Enqueue($"views.publish blocks: {problem}");
        }

        return Results.Json(new { ok = true });
    }

    private async Task<IResult> RespondAsync(HttpContext http)
    {
        if (await JsonNode.ParseAsync(http.Request.Body) is JsonObject body)
        {
            if (body["blocks"] is JsonArray blocks)
            {
                foreach (var problem in BlockProblems(blocks, MessageBlocks))
                {
                    Violations.Enqueue($"response_url blocks: {problem}");
                }
            }

            Responses.Enqueue(body);
        }

        return Results.Ok();
    }

    private async Task SocketAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.StatusCode = 400;
            return;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        SocketPeer peer;
        lock (_sockets)
        {
            peer = new SocketPeer(_sockets.Count + 1, socket);
            _sockets.Add(peer);
        }

        SocketLog.Enqueue($"open {peer.Number}");
        await peer.SendAsync(new JsonObject { ["type"] = "hello", ["num_connections"] = OpenSockets, ["connection_info"] = new JsonObject { ["app_id"] = "A0FAKE" } });
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, http.RequestAborted);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                if (JsonNode.Parse(buffer.AsSpan(0, result.Count)) is JsonObject ack)
                {
                    Acks.Enqueue((peer.Number, ack));
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // Dropped by the client.
        }

        peer.Closed = true;
        SocketLog.Enqueue($"close {peer.Number}");
    }

    private static string SpecPath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "specs", "slack-web-openapi-v2.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("shared/specs/slack-web-openapi-v2.json not found");
    }

    private sealed class SocketPeer(int number, WebSocket socket)
    {
        private readonly SemaphoreSlim _sending = new(1, 1);

        public int Number { get; } = number;

        public WebSocket Socket { get; } = socket;

        public volatile bool Closed;

        public Task SendAsync(JsonNode message) => SendTextAsync(message.ToJsonString());

        public async Task SendTextAsync(string text)
        {
            await _sending.WaitAsync();
            try
            {
                await Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
            }
            finally
            {
                _sending.Release();
            }
        }
    }
}
