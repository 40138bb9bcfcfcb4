using System.Text.Json.Serialization;

namespace CourseBot.Bot.Slack.Wire;

/// <summary>
/// Source-generated serialisation of everything CourseBot sends to Slack and reads back from the Web API
/// (no reflection, so a trimmed or native build writes the same JSON). Nulls are left out; an answer
/// without a field the records require (a post's <c>ts</c>) is a <see cref="System.Text.Json.JsonException"/>.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(PostMessageRequest))]
[JsonSerializable(typeof(PostMessageAnswer))]
[JsonSerializable(typeof(UpdateMessageRequest))]
[JsonSerializable(typeof(HistoryRequest))]
[JsonSerializable(typeof(HistoryAnswer))]
[JsonSerializable(typeof(PublishViewRequest))]
[JsonSerializable(typeof(NoArguments))]
[JsonSerializable(typeof(AuthTestAnswer))]
[JsonSerializable(typeof(ConnectionsOpenAnswer))]
[JsonSerializable(typeof(SlackResponse))]
[JsonSerializable(typeof(UrlVerificationAnswer))]
[JsonSerializable(typeof(SocketModeAck))]
[JsonSerializable(typeof(IReadOnlyList<Block>))]
public sealed partial class SlackJson : JsonSerializerContext;
