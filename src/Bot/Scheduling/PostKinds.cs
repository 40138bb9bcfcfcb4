namespace CourseBot.Bot.Scheduling;

/// <summary>The kinds of scheduled post.</summary>
public static class PostKinds
{
    public const string Announcement = "announcement";
    public const string Reminder = "reminder";
    public const string Holiday = "holiday";

    /// <summary>A class meeting as a Discord guild scheduled event: channel = guild id, message id = event id.</summary>
    public const string Event = "event";

    /// <summary>The "what changed" notice after an edit of the course; its slot is a digest of the change set.</summary>
    public const string Change = "change";

    /// <summary>The roster of discussion leads, one per week (slot: its Monday) or per term (slot "term"), edited in place.</summary>
    public const string Roster = "roster";

    /// <summary>A notice to a lead whose paper left the reading list (slot: paper key and sign-up time); private, see PrivatePost.</summary>
    public const string LeadReleased = "lead-released";

    /// <summary>The pinned term schedule of a channel (slot "term"; its pin is recorded as slot "term-pin"), edited in place.</summary>
    public const string Schedule = "schedule";

    /// <summary>A lead's reminder before their class (slot: class start, paper key and lead time); private, see PrivatePost.</summary>
    public const string LeadReminder = "lead-reminder";

    /// <summary>A notice to a student promoted from a paper's waitlist (slot: paper key and sign-up time); private.</summary>
    public const string LeadPromoted = "lead-promoted";

    public static IReadOnlyList<string> All { get; } = [Announcement, Reminder, Holiday, Event, Change, Roster, LeadReleased, Schedule, LeadReminder, LeadPromoted];

    public static bool IsKnown(string kind) => kind is Announcement or Reminder or Holiday or Event or Change or Roster or LeadReleased or Schedule or LeadReminder or LeadPromoted;
}
