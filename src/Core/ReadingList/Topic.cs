namespace CourseBot.Core.ReadingList;

/// <summary>
/// A run of readings under one heading. Papers a part holds directly (no topic heading) form a
/// topic whose <see cref="Heading"/> is null and whose <see cref="Name"/> is the part's name.
/// </summary>
/// <param name="Index">0-based position among all topics of the list, in reading-list order.</param>
public sealed record Topic(int Index, string? Heading, Part? Part, IReadOnlyList<Reading> Readings, SourceLocation Location)
{
    /// <summary>What students call the topic: its heading, else its part's name.</summary>
    public string Name => Heading ?? Part?.Name ?? "Readings";

    public IEnumerable<Reading> RequiredReadings => Readings.Where(r => r.IsRequired);

    public IEnumerable<Reading> OptionalReadings => Readings.Where(r => !r.IsRequired);
}
