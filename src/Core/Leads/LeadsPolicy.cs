using CourseBot.Core.ReadingList;

namespace CourseBot.Core.Leads;

/// <summary>
/// The course file's <c>leads:</c> section: who may sign up to lead which paper's discussion, and when.
/// A course without the section has no sign-ups (<see cref="Calendar.CourseDefinition.Leads"/> is null).
/// </summary>
public sealed record LeadsPolicy
{
    /// <summary>The most leads one paper can have.</summary>
    public const int MaxPerPaper = 5;

    /// <summary>Which papers can be led: the required ones (default), all, or the listed keys.</summary>
    public LeadablePapers Papers { get; init; } = LeadablePapers.Required;

    /// <summary>The keys when <see cref="Papers"/> is <see cref="LeadablePapers.Listed"/>.</summary>
    public IReadOnlyList<string> PaperKeys { get; init; } = [];

    /// <summary>Where each of <see cref="PaperKeys"/> is written in the course file (same order), for diagnostics.</summary>
    public IReadOnlyList<SourceLocation> PaperKeysAt { get; init; } = [];

    /// <summary>Leads per paper (1 to <see cref="MaxPerPaper"/>).</summary>
    public int PerPaper { get; init; } = 1;

    /// <summary>Papers one student may lead in the term.</summary>
    public int PerStudent { get; init; } = 1;

    /// <summary>When sign-ups open; null: open now.</summary>
    public DateTimeOffset? Opens { get; init; }

    /// <summary>How long before the class a paper's sign-ups close (zero: at the class's start).</summary>
    public TimeSpan Closes { get; init; } = TimeSpan.Zero;

    /// <summary>When a lead's slides are due, relative to the class; null when the course sets no deadline.</summary>
    public SlidesDeadline? SlidesDue { get; init; }

    /// <summary>Lead times before the class at which each lead is reminded.</summary>
    public IReadOnlyList<TimeSpan> Reminders { get; init; } = [];

    /// <summary>Whether a full paper takes a waitlist.</summary>
    public bool Waitlist { get; init; }

    /// <summary>Whether the public roster shows the leads' names (true) or only "taken".</summary>
    public bool ShowNames { get; init; } = true;

    /// <summary>Whether leads get no response reminder for the class they lead.</summary>
    public bool ExemptFromResponses { get; init; }

    /// <summary>One roster message per week (default) or one for the term.</summary>
    public RosterScope Roster { get; init; } = RosterScope.Week;

    /// <summary>Where the section starts in the course file.</summary>
    public SourceLocation? At { get; init; }
}

/// <summary>Which papers of the reading list can be led.</summary>
public enum LeadablePapers
{
    Required,
    All,
    Listed,
}

/// <summary>Whether the roster is one message per week or one for the whole term.</summary>
public enum RosterScope
{
    Week,
    Term,
}

/// <summary>A slides deadline: <see cref="Time"/> (course time zone) <see cref="DaysBefore"/> days before the class, e.g. "17:00 1d".</summary>
public sealed record SlidesDeadline(TimeOnly Time, int DaysBefore);
