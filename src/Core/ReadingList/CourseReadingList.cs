namespace CourseBot.Core.ReadingList;

/// <summary>
/// The reading list as the course site shows it: parts, topics (in page order) and readings, the
/// papers file it was resolved against, and every problem found while loading both.
/// </summary>
public sealed class CourseReadingList
{
    public CourseReadingList(
        IReadOnlyList<Part> parts,
        IReadOnlyList<Topic> topics,
        IReadOnlyDictionary<string, Paper> papers,
        IReadOnlyList<Diagnostic> diagnostics)
    {
        Parts = parts;
        Topics = topics;
        Papers = papers;
        Diagnostics = diagnostics;
        Readings = topics.SelectMany(t => t.Readings).ToArray();
    }

    public static CourseReadingList Empty { get; } = new([], [], new Dictionary<string, Paper>(), []);

    public IReadOnlyList<Part> Parts { get; }

    /// <summary>Topics that have at least one reading, in reading-list order.</summary>
    public IReadOnlyList<Topic> Topics { get; }

    /// <summary>Every reading of every topic, in page order.</summary>
    public IReadOnlyList<Reading> Readings { get; }

    /// <summary>The papers file, after duplicate keys were resolved (last wins, as on the site).</summary>
    public IReadOnlyDictionary<string, Paper> Papers { get; }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>False when the reading list could not be read: it then has no topics, and the plan's references to them are not reported.</summary>
    public bool ReadingListComplete { get; init; } = true;

    /// <summary>False when the papers file could not be read to its end: keys missing from it are not reported one by one.</summary>
    public bool PapersComplete { get; init; } = true;

    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);
}
