using System.Text.Json.Serialization;

namespace CourseBot.Bot.Discord.Events;

// Guild scheduled event bodies as Discord's OpenAPI spec names them (ExternalScheduledEventCreateRequest,
// ExternalScheduledEventPatchRequestPartial, GuildScheduledEventResponse); nulls are left out.

public sealed record EventLocationBody([property: JsonPropertyName("location")] string Location);

/// <summary>An EXTERNAL event, visible to server members only: the body of both create and edit.</summary>
public sealed record ScheduledEventBody(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("scheduled_start_time")] DateTimeOffset Start,
    [property: JsonPropertyName("scheduled_end_time")] DateTimeOffset End,
    [property: JsonPropertyName("entity_metadata")] EventLocationBody Metadata,
    [property: JsonPropertyName("privacy_level")] int PrivacyLevel = ScheduledEventBody.GuildOnly,
    [property: JsonPropertyName("entity_type")] int EntityType = ScheduledEventBody.External)
{
    /// <summary>GUILD_ONLY, the only privacy level Discord accepts.</summary>
    public const int GuildOnly = 2;

    /// <summary>EXTERNAL: somewhere outside Discord (a classroom), with a location and a required end time.</summary>
    public const int External = 3;
}

/// <summary>What CourseBot reads of a listed or created event.</summary>
public sealed record ScheduledEventListed(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("scheduled_start_time")] DateTimeOffset Start,
    [property: JsonPropertyName("creator_id")] string? CreatorId = null,
    [property: JsonPropertyName("entity_type")] int EntityType = 0);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ScheduledEventBody))]
[JsonSerializable(typeof(ScheduledEventListed))]
[JsonSerializable(typeof(IReadOnlyList<ScheduledEventListed>))]
public sealed partial class ScheduledEventJson : JsonSerializerContext;
