using System.Text.Json;
using System.Text.Json.Serialization;

namespace CourseBot.Bot.Slack.Wire;

// Web API request and answer bodies as the Web API spec names them (specs/slack-web-openapi-v2.json; the
// newer metadata parameters from api.slack.com/methods). Methods that take form fields get the same
// records, written as fields by SlackApiClient.

/// <summary>
/// <c>chat.postMessage</c>. Links are not unfurled: a reading list would fill the channel with previews. With a
/// <c>thread_ts</c> the message answers in that thread.
/// </summary>
public sealed record PostMessageRequest(
    [property: JsonPropertyName("channel")] string Channel,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("blocks")] IReadOnlyList<Block> Blocks,
    [property: JsonPropertyName("metadata")] MessageMetadata? Metadata = null,
    [property: JsonPropertyName("thread_ts")] string? ThreadTs = null)
{
    [JsonPropertyName("unfurl_links")]
    public bool UnfurlLinks => false;

    [JsonPropertyName("unfurl_media")]
    public bool UnfurlMedia => false;
}

/// <summary>
/// Message metadata: CourseBot's posts carry <c>event_type</c> <see cref="SlackApiClient.PostEventType"/> and
/// the ledger token, so a post sent just before a crash is found again.
/// </summary>
public sealed record MessageMetadata(
    [property: JsonPropertyName("event_type")] string EventType,
    [property: JsonPropertyName("event_payload")] PostKeyPayload EventPayload);

public sealed record PostKeyPayload([property: JsonPropertyName("post_key")] string PostKey);

public sealed record PostMessageAnswer([property: JsonPropertyName("ts")] string Ts);

/// <summary><c>conversations.history</c>; Slack returns message metadata only with <c>include_all_metadata</c>.</summary>
public sealed record HistoryRequest(
    [property: JsonPropertyName("channel")] string Channel,
    [property: JsonPropertyName("limit")] int Limit,
    [property: JsonPropertyName("include_all_metadata")] bool? IncludeAllMetadata = null);

/// <summary>
/// A listed message. Its metadata stays JSON: other apps' metadata has shapes of their own, and only
/// CourseBot's is read (<see cref="SlackApiClient.RecentAsync"/>).
/// </summary>
public sealed record HistoryMessage(
    [property: JsonPropertyName("ts")] string Ts,
    [property: JsonPropertyName("metadata")] JsonElement? Metadata = null);

public sealed record HistoryAnswer([property: JsonPropertyName("messages")] IReadOnlyList<HistoryMessage> Messages);

/// <summary><c>views.publish</c>: a user's Home tab.</summary>
public sealed record PublishViewRequest(
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("view")] HomeView View);

/// <summary>The body of <c>auth.test</c> and <c>apps.connections.open</c>: the token says everything.</summary>
public sealed record NoArguments
{
    public static NoArguments Instance { get; } = new();
}

public sealed record AuthTestAnswer(
    [property: JsonPropertyName("team_id")] string? TeamId,
    [property: JsonPropertyName("user_id")] string? UserId);

public sealed record ConnectionsOpenAnswer([property: JsonPropertyName("url")] string Url);

/// <summary>
/// A message in answer to a slash command or a button: the acknowledgement's body (HTTP response or Socket
/// Mode ack payload) and every <c>response_url</c> post. <c>replace_original</c> and
/// <c>delete_original</c> act on the message the <c>response_url</c> belongs to.
/// </summary>
public sealed record SlackResponse(
    [property: JsonPropertyName("response_type")] string? ResponseType = null,
    [property: JsonPropertyName("text")] string? Text = null,
    [property: JsonPropertyName("blocks")] IReadOnlyList<Block>? Blocks = null,
    [property: JsonPropertyName("replace_original")] bool? ReplaceOriginal = null,
    [property: JsonPropertyName("delete_original")] bool? DeleteOriginal = null)
{
    /// <summary>Only the person who asked sees it (Slack's default).</summary>
    public const string Ephemeral = "ephemeral";

    /// <summary>Everyone in the channel sees it.</summary>
    public const string InChannel = "in_channel";

    public static SlackResponse Private(string text) => new(Ephemeral, text);

    /// <summary>Removes the message the <c>response_url</c> belongs to (the private copy, once shared).</summary>
    public static SlackResponse DeleteTheOriginal { get; } = new(DeleteOriginal: true);
}

/// <summary>The Events API's URL check is answered with its challenge.</summary>
public sealed record UrlVerificationAnswer([property: JsonPropertyName("challenge")] string Challenge);

/// <summary>A Socket Mode acknowledgement, on the socket the envelope came on; a slash command's answer rides in <c>payload</c>.</summary>
public sealed record SocketModeAck(
    [property: JsonPropertyName("envelope_id")] string EnvelopeId,
    [property: JsonPropertyName("payload")] SlackResponse? Payload = null);
