using System.Text.Json.Nodes;
using CourseBot.Bot.Slack.Wire;

namespace CourseBot.Bot.Slack;

/// <summary>A slash command as Slack sends it (form fields over HTTP, the same names in a Socket Mode payload).</summary>
public sealed record SlashCommand(string Command, string Text, string UserId, string? ChannelId, string? TeamId, Uri? ResponseUrl)
{
    public static SlashCommand From(Func<string, string?> field) => new(
        field("command") ?? "/coursebot",
        field("text") ?? "",
        field("user_id") ?? "",
        field("channel_id"),
        field("team_id"),
        Uri.TryCreate(field("response_url"), UriKind.Absolute, out var url) ? url : null)
    {
        UserName = field("user_name") is { Length: > 0 } name ? name : null,
    };

    /// <summary>The <c>user_name</c> Slack sends (kept as the name on the lead roster); null when absent.</summary>
    public string? UserName { get; init; }

    public static SlashCommand From(JsonObject payload) => From(name => payload[name]?.GetValue<string>());

    /// <summary>What the Core grammar reads: "/reading week3", "/coursebot announce 3".</summary>
    public string Line => $"{Command} {Text}".Trim();
}

/// <summary>What a slash command gets back at once: the answer, or a note that it follows.</summary>
public sealed record SlackAck(SlackResponse? Body);

/// <summary>A signed payload whose fields are not of the types Slack documents: answered 400, never 500.</summary>
public sealed class SlackPayloadException(string message) : FormatException(message);

/// <summary>
/// Reads fields of a Slack payload by the types Slack documents. An absent or null field is null; a field
/// of another type (<c>event_id: 5</c>, <c>challenge: {}</c>, <c>actions: [null]</c>) is a
/// <see cref="SlackPayloadException"/> naming it.
/// </summary>
public static class SlackFields
{
    public static string? Text(JsonObject parent, string name) => parent[name] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String => value.GetValue<string>(),
        var other => throw new SlackPayloadException($"'{name}' is {Describe(other)}, not a string"),
    };

    public static JsonObject? Object(JsonObject parent, string name) => parent[name] switch
    {
        null => null,
        JsonObject value => value,
        var other => throw new SlackPayloadException($"'{name}' is {Describe(other)}, not an object"),
    };

    public static JsonArray? Array(JsonObject parent, string name) => parent[name] switch
    {
        null => null,
        JsonArray value => value,
        var other => throw new SlackPayloadException($"'{name}' is {Describe(other)}, not an array"),
    };

    /// <summary>An array's elements, each of which must be an object.</summary>
    public static IEnumerable<JsonObject> Objects(JsonArray array, string name) =>
        array.Select((element, i) => element as JsonObject ?? throw new SlackPayloadException($"'{name}[{i}]' is {Describe(element)}, not an object"));

    private static string Describe(JsonNode? node) => node?.GetValueKind().ToString().ToLowerInvariant() ?? "null";
}
