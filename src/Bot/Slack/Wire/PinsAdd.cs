using System.Text.Json.Serialization;

namespace CourseBot.Bot.Slack.Wire;

/// <summary><c>pins.add</c>: pins the message <see cref="Timestamp"/> (its <c>ts</c>) in <see cref="Channel"/> (scope <c>pins:write</c>).</summary>
public sealed record PinsAddRequest(
    [property: JsonPropertyName("channel")] string Channel,
    [property: JsonPropertyName("timestamp")] string Timestamp);

/// <summary>Source-generated serialisation of the pin call (its own context, beside <see cref="SlackJson"/>).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PinsAddRequest))]
public sealed partial class SlackPinJson : JsonSerializerContext;
