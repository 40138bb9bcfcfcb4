using CourseBot.Core.Leads;
using CourseBot.Core.ReadingList;

namespace CourseBot.Core.Calendar;

/// <summary>Everything one course file says, validated and resolved.</summary>
public sealed record CourseDefinition
{
    public const string DefaultAnnouncementCron = "0 0 9 ? * MON";

    /// <summary>A short slug, e.g. "cs395t".</summary>
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>E.g. "Fall 2025".</summary>
    public string? Term { get; init; }

    public required TimeZoneInfo TimeZone { get; init; }

    /// <summary>The Monday of week 1.</summary>
    public required DateOnly FirstMonday { get; init; }

    /// <summary>The last day of the term; without it the term ends with the last planned week.</summary>
    public DateOnly? LastDay { get; init; }

    public IReadOnlyList<MeetingPattern> Meetings { get; init; } = [];

    public IReadOnlyList<Holiday> Holidays { get; init; } = [];

    /// <summary>False (the default): a holiday week has no number and numbering continues after it.</summary>
    public bool NumberHolidayWeeks { get; init; }

    /// <summary>Null for the default plan: topics in reading-list order, one per teaching week.</summary>
    public IReadOnlyList<PlanEntry>? Plan { get; init; }

    public ResponseRule? Responses { get; init; }

    /// <summary>A Quartz cron expression in the course's time zone.</summary>
    public string AnnouncementCron { get; init; } = DefaultAnnouncementCron;

    /// <summary>How long before each response deadline a reminder goes out.</summary>
    public IReadOnlyList<TimeSpan> ReminderLeadTimes { get; init; } = [TimeSpan.FromHours(3)];

    /// <summary>When set, holiday weeks get a short post with this text.</summary>
    public string? HolidayNotice { get; init; }

    /// <summary>The reading-list page: a path (resolved against the course file's folder) or an http(s) URL.</summary>
    public required string ReadingList { get; init; }

    /// <summary>The papers YAML: a path or an http(s) URL.</summary>
    public required string Papers { get; init; }

    /// <summary>Where the course file names the reading list (a missing file is reported there).</summary>
    public SourceLocation? ReadingListAt { get; init; }

    /// <summary>Where the course file names the papers file.</summary>
    public SourceLocation? PapersAt { get; init; }

    public CourseChannels Channels { get; init; } = CourseChannels.None;

    /// <summary>Whether answers to students are visible only to them (default) or to the channel.</summary>
    public bool StudentRepliesEphemeral { get; init; } = true;

    /// <summary>
    /// Whether the bot answers plain questions when it is mentioned or sent a direct message (default
    /// true); slash commands are answered either way.
    /// </summary>
    public bool AnswerMentions { get; init; } = true;

    /// <summary>The <c>leads:</c> section: discussion-lead sign-ups; null when the course has none.</summary>
    public LeadsPolicy? Leads { get; init; }

    /// <summary>The course file this came from.</summary>
    public required string SourcePath { get; init; }

    /// <summary>Hash of the course file's text, to tell whether an edit changed anything.</summary>
    public string SourceHash { get; init; } = "";
}
