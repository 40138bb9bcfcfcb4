using System.Text.Json;
using System.Text.Json.Serialization;

namespace CourseBot.Bot.Discord.Rest;

// Request bodies exactly as Discord's OpenAPI spec names them (specs/discord-openapi.json). Nulls are
// left out rather than sent, so each body carries only what CourseBot means.

public sealed record EmbedFooterBody([property: JsonPropertyName("text")] string Text);

public sealed record EmbedFieldBody(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("inline")] bool Inline = false);

public sealed record EmbedBody(
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("fields")] IReadOnlyList<EmbedFieldBody>? Fields,
    [property: JsonPropertyName("color")] int? Color = null,
    [property: JsonPropertyName("footer")] EmbedFooterBody? Footer = null);

/// <summary><c>allowed_mentions</c>: <c>parse: []</c> so nothing in a title or note pings anyone.</summary>
public sealed record AllowedMentionsBody(
    [property: JsonPropertyName("parse")] IReadOnlyList<string> Parse,
    [property: JsonPropertyName("replied_user")] bool? RepliedUser = null,
    [property: JsonPropertyName("users")] IReadOnlyList<string>? Users = null)
{
    public static AllowedMentionsBody None { get; } = new([]);

    /// <summary>For a reply: no one is pinged, not even the author of the message replied to.</summary>
    public static AllowedMentionsBody NoneReplied { get; } = new([], RepliedUser: false);
}

/// <summary>
/// <c>message_reference</c>: makes a message a reply to another. With <c>fail_if_not_exists: false</c> a
/// reply to a message deleted meanwhile is still posted, just without the reference.
/// </summary>
public sealed record MessageReferenceBody(
    [property: JsonPropertyName("message_id")] string MessageId,
    [property: JsonPropertyName("channel_id")] string? ChannelId = null,
    [property: JsonPropertyName("fail_if_not_exists")] bool? FailIfNotExists = null);

/// <summary>A message: channel posts, interaction replies, follow-ups and edits share this shape.</summary>
public sealed record MessageBody(
    [property: JsonPropertyName("content")] string? Content,
    [property: JsonPropertyName("embeds")] IReadOnlyList<EmbedBody>? Embeds,
    [property: JsonPropertyName("allowed_mentions")] AllowedMentionsBody? AllowedMentions,
    [property: JsonPropertyName("flags")] int? Flags = null,
    [property: JsonPropertyName("nonce")] string? Nonce = null,
    [property: JsonPropertyName("enforce_nonce")] bool? EnforceNonce = null,
    [property: JsonPropertyName("message_reference")] MessageReferenceBody? MessageReference = null,
    [property: JsonPropertyName("components")] IReadOnlyList<ComponentBody>? Components = null);

/// <summary>
/// A message component: an action row (type 1) holding buttons (type 2) or one string select (type 3).
/// One record for all three, each setting only its own fields.
/// </summary>
public sealed record ComponentBody(
    [property: JsonPropertyName("type")] int Type,
    [property: JsonPropertyName("components")] IReadOnlyList<ComponentBody>? Components = null,
    [property: JsonPropertyName("custom_id")] string? CustomId = null,
    [property: JsonPropertyName("style")] int? Style = null,
    [property: JsonPropertyName("label")] string? Label = null,
    [property: JsonPropertyName("disabled")] bool? Disabled = null,
    [property: JsonPropertyName("placeholder")] string? Placeholder = null,
    [property: JsonPropertyName("options")] IReadOnlyList<SelectOptionBody>? Options = null);

public sealed record SelectOptionBody(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("description")] string? Description = null);

public sealed record AutocompleteChoiceBody(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value")] string Value);

public sealed record AutocompleteDataBody([property: JsonPropertyName("choices")] IReadOnlyList<AutocompleteChoiceBody> Choices);

/// <summary>An initial interaction response (callback types: 1 PONG, 4 message, 5 deferred, 8 autocomplete).</summary>
public sealed record InteractionResponseBody(
    [property: JsonPropertyName("type")] int Type,
    [property: JsonPropertyName("data")] object? Data = null);

public sealed record CommandOptionBody(
    [property: JsonPropertyName("type")] int Type,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("required")] bool? Required = null,
    [property: JsonPropertyName("autocomplete")] bool? Autocomplete = null,
    [property: JsonPropertyName("max_length")] int? MaxLength = null,
    [property: JsonPropertyName("choices")] IReadOnlyList<CommandChoiceBody>? Choices = null);

/// <summary>One fixed choice of a string option (name shown, value sent).</summary>
public sealed record CommandChoiceBody(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value")] string Value);

public sealed record CommandBody(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("options")] IReadOnlyList<CommandOptionBody>? Options,
    [property: JsonPropertyName("default_member_permissions")] long? DefaultMemberPermissions = null,
    [property: JsonPropertyName("contexts")] IReadOnlyList<int>? Contexts = null,
    [property: JsonPropertyName("type")] int Type = 1);

/// <summary>
/// What CourseBot reads back from Discord: a message (its id and embeds), the gateway URL, a 429's wait.
/// A message's <c>nonce</c> is not read: Discord leaves it out when listing a channel's messages.
/// </summary>
public sealed record MessageIdBody(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("embeds")] IReadOnlyList<EmbedBody>? Embeds = null,
    [property: JsonPropertyName("author")] AuthorBody? Author = null);

/// <summary>The body of POST /users/@me/channels: whom to open a direct-message channel with.</summary>
public sealed record DirectMessageBody([property: JsonPropertyName("recipient_id")] string RecipientId);

/// <summary>Who wrote a message: <c>bot</c> is true for bot accounts (absent for people).</summary>
public sealed record AuthorBody(
    [property: JsonPropertyName("id")] string? Id = null,
    [property: JsonPropertyName("bot")] bool? Bot = null);

public sealed record GatewayBotBody([property: JsonPropertyName("url")] string Url);

public sealed record RateLimitedBody(
    [property: JsonPropertyName("retry_after")] double RetryAfter,
    [property: JsonPropertyName("global")] bool Global = false);

public sealed record ErrorBody(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("message")] string? Message);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MessageBody))]
[JsonSerializable(typeof(InteractionResponseBody))]
[JsonSerializable(typeof(AutocompleteDataBody))]
[JsonSerializable(typeof(IReadOnlyList<CommandBody>))]
[JsonSerializable(typeof(MessageIdBody))]
[JsonSerializable(typeof(DirectMessageBody))]
[JsonSerializable(typeof(IReadOnlyList<MessageIdBody>))]
[JsonSerializable(typeof(GatewayBotBody))]
[JsonSerializable(typeof(RateLimitedBody))]
[JsonSerializable(typeof(ErrorBody))]
public sealed partial class DiscordJson : JsonSerializerContext;
