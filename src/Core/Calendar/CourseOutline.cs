using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using CourseBot.Core.Commands;
using CourseBot.Core.ReadingList;

namespace CourseBot.Core.Calendar;

/// <summary>
/// What students see of a course's term, and only that: per week its dates, label, topic, class times and
/// readings (key, title, required or optional, which class). <see cref="CourseChanges"/> compares two of
/// these; it is small enough to store, so the version last announced survives a restart (see docs/delivery.md).
/// </summary>
public sealed record CourseOutline(IReadOnlyList<WeekOutline> Weeks)
{
    public static CourseOutline Of(CourseSnapshot course) =>
        new([.. course.Calendar.Weeks.Select(WeekOutline.Of)]);

    public string ToJson() => JsonSerializer.Serialize(this, CourseOutlineJson.Default.CourseOutline);

    /// <summary>Reads an outline written by <see cref="ToJson"/>; throws <see cref="JsonException"/> on anything else.</summary>
    public static CourseOutline FromJson(string json) =>
        JsonSerializer.Deserialize(json, CourseOutlineJson.Default.CourseOutline) ?? throw new JsonException("the course outline is null");

    /// <summary>A digest of the outline: equal digests, nothing students see differs.</summary>
    [JsonIgnore]
    public string Digest => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(ToJson())).AsSpan(0, 16));
}

/// <summary>One week of a <see cref="CourseOutline"/>.</summary>
/// <param name="Meetings">The start of each class, in time order.</param>
/// <param name="Readings">In reading-list order, as the week lists them.</param>
public sealed record WeekOutline(
    DateOnly Start, string Label, string? Title, bool IsHoliday, IReadOnlyList<DateTimeOffset> Meetings, IReadOnlyList<ReadingOutline> Readings)
{
    [JsonIgnore]
    public bool HasReadings => Readings.Count > 0;

    public static WeekOutline Of(CourseWeek week) => new(
        week.Start,
        WeekLabels.Label(week),
        week.Title,
        week.IsHoliday,
        [.. week.Meetings.Select(m => m.Start)],
        [.. week.Readings.Select(r => ReadingOutline.Of(r, week))]);
}

/// <summary>One reading of a week: <paramref name="Meeting"/> is the index of its class in the week, or -1 when no class lists it.</summary>
public sealed record ReadingOutline(string Key, string Title, bool IsRequired, string? Focus, int Meeting)
{
    [JsonIgnore]
    public Requirement Requirement => new(IsRequired, Focus);

    public static ReadingOutline Of(Reading reading, CourseWeek week) => new(
        reading.Key ?? reading.Paper.Url ?? reading.Title ?? reading.Paper.Key,
        reading.Title ?? reading.Key ?? reading.Paper.Key,
        reading.Requirement.IsRequired,
        reading.Requirement.Label,
        week.Meetings.ToList().FindIndex(m => m.Readings.Contains(reading)));
}

/// <summary>Source-generated JSON for stored outlines (no reflection, so a native build reads what it wrote).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CourseOutline))]
public sealed partial class CourseOutlineJson : JsonSerializerContext;
