using CourseBot.Core.Commands;

namespace CourseBot.Core.Leads;

/// <summary>
/// The time and paper rules of a sign-up, checked in Core before the store counts slots: sign-ups not open yet,
/// closed (the course's lead time before the class), not a paper to lead, a holiday week, a week staff closed.
/// </summary>
public static class LeadRules
{
    /// <summary>When sign-ups for a paper close: <see cref="LeadsPolicy.Closes"/> before its class starts.</summary>
    public static DateTimeOffset ClosesAt(LeadsPolicy policy, LeadablePaper paper) => paper.Class.Start - policy.Closes;

    /// <summary>When a lead's slides are due; null when the course sets no deadline.</summary>
    public static DateTimeOffset? SlidesDueAt(LeadCatalog catalog, LeadablePaper paper)
    {
        if (catalog.Policy.SlidesDue is not { } due)
        {
            return null;
        }

        var classDay = DateOnly.FromDateTime(catalog.Course.Calendar.ToLocal(paper.Class.Start).DateTime);
        return catalog.Course.Calendar.LocalToInstant(classDay.AddDays(-due.DaysBefore), due.Time);
    }

    /// <summary>
    /// Whether <paramref name="paper"/> may be claimed (or dropped) at <paramref name="now"/>. Staff assigning or
    /// removing a lead are not bound by the sign-up window or by their own week closures.
    /// </summary>
    /// <param name="closedWeeks">Weeks staff closed (by Monday), with when.</param>
    public static LeadCheck Check(LeadsPolicy policy, LeadablePaper paper, DateTimeOffset now, IReadOnlyDictionary<DateOnly, DateTimeOffset> closedWeeks, bool byStaff = false)
    {
        if (byStaff)
        {
            return new LeadCheck.Open();
        }

        if (policy.Opens is { } opens && now < opens)
        {
            return new LeadCheck.NotOpenYet(opens);
        }

        if (closedWeeks.TryGetValue(paper.WeekStart, out var closedAt))
        {
            return new LeadCheck.ClosedByStaff(paper.WeekStart, WeekLabels.Label(paper.Week), closedAt);
        }

        var closes = ClosesAt(policy, paper);
        return now >= closes ? new LeadCheck.Closed(paper, closes) : new LeadCheck.Open();
    }

    /// <summary>Whether the week starting <paramref name="weekStart"/> takes sign-ups now (for its "Lead a paper" menu).</summary>
    public static LeadCheck CheckWeek(LeadCatalog catalog, DateOnly weekStart, DateTimeOffset now, IReadOnlyDictionary<DateOnly, DateTimeOffset> closedWeeks)
    {
        var week = catalog.Course.Calendar.Weeks.FirstOrDefault(w => w.Start == weekStart);
        if (week is null)
        {
            return new LeadCheck.NoPapers(weekStart, $"the week of {weekStart:yyyy-MM-dd} is not a week of the term");
        }

        if (week.Holiday is { } holiday)
        {
            return new LeadCheck.HolidayWeek(weekStart, holiday);
        }

        if (catalog.Policy.Opens is { } opens && now < opens)
        {
            return new LeadCheck.NotOpenYet(opens);
        }

        if (closedWeeks.TryGetValue(weekStart, out var closedAt))
        {
            return new LeadCheck.ClosedByStaff(weekStart, WeekLabels.Label(week), closedAt);
        }

        var papers = catalog.InWeek(weekStart);
        if (papers.Count == 0)
        {
            return new LeadCheck.NoPapers(weekStart, $"{WeekLabels.Label(week)} has no papers to lead");
        }

        var open = papers.Where(p => now < ClosesAt(catalog.Policy, p)).ToArray();
        return open.Length > 0 ? new LeadCheck.Open() : new LeadCheck.Closed(papers[^1], papers.Max(p => ClosesAt(catalog.Policy, p)));
    }

    /// <summary>The check for what "/lead &lt;words&gt;" found: a paper of the course that cannot be led is refused here.</summary>
    public static LeadCheck Check(LeadCatalog catalog, LeadLookup lookup, DateTimeOffset now, IReadOnlyDictionary<DateOnly, DateTimeOffset> closedWeeks, bool byStaff = false) => lookup switch
    {
        LeadLookup.Found found => Check(catalog.Policy, found.Paper, now, closedWeeks, byStaff),
        LeadLookup.NotLeadable not => new LeadCheck.NotLeadable(not.Paper.Title ?? not.Paper.Key, not.Why),
        _ => throw new ArgumentException("only a found or not-leadable paper can be checked; offer the others to choose from", nameof(lookup)),
    };
}
