using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CourseBot.Core;
using CourseBot.Core.Calendar;
using CourseBot.Core.Leads;
using CourseBot.Core.ReadingList;

namespace CourseBot.Bot.Calendar;

/// <summary>
/// The events of a course's calendar: one per class meeting, one per reading-response deadline, one all-day
/// event per holiday, in time order. With the course's sign-ups (a course with discussion leads), each class also
/// lists the leads of its papers.
/// </summary>
internal static partial class CalendarEntries
{
    /// <param name="signups">The course's sign-ups; null to leave leads out (a course without them, or no store).</param>
    public static IReadOnlyList<CalendarEntry> Of(CourseSnapshot snapshot, IReadOnlyList<LeadSignup>? signups = null)
    {
        var course = snapshot.Course;
        var leads = signups is null ? null : LeadCatalog.For(snapshot);
        var code = ShortCode(course);
        var zone = course.TimeZone;
        var entries = new List<CalendarEntry>();
        foreach (var week in snapshot.Calendar.Weeks)
        {
            foreach (var meeting in week.Meetings)
            {
                var slot = Slot(meeting.Start, zone);
                var weekName = week.Number is { } number ? $"Week {number.ToString(CultureInfo.InvariantCulture)}" : "Class";
                var summary = week.Title is { } title ? $"{code} · {weekName} · {title}" : $"{code} · {weekName}";
                entries.Add(new CalendarEntry(
                    Uid(course, "class", slot), summary, ClassDescription(meeting, zone, leads, signups), meeting.Room,
                    meeting.Start, meeting.End, null, null, []));
                if (meeting.ResponseDue is { } due)
                {
                    entries.Add(new CalendarEntry(
                        // The deadline belongs to its class, so its UID names the class's slot: moving the
                        // deadline (a new response rule) updates it instead of adding another.
                        Uid(course, "response", slot),
                        $"{code} · Reading response due · {weekName}, {Day(meeting.Start, zone)} class",
                        ResponseDescription(meeting, zone), null, due, null, null, null, course.ReminderLeadTimes));
                }
            }
        }

        foreach (var holiday in course.Holidays)
        {
            var dates = $"{Compact(holiday.First)}-{Compact(holiday.Last)}";
            entries.Add(new CalendarEntry(
                Uid(course, "holiday", dates), $"{code} · {holiday.Name} (no class)", $"{holiday.Name}: no {code} class.",
                null, null, null, holiday.First, holiday.Last, []));
        }

        return entries
            .OrderBy(e => e.Start ?? new DateTimeOffset(e.FirstDay!.Value.ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(e.FirstDay.Value.ToDateTime(TimeOnly.MinValue))))
            .ThenBy(e => e.Uid, StringComparer.Ordinal)
            // A meeting listed twice, or two holidays over the same days, is one event.
            .DistinctBy(e => e.Uid)
            .ToArray();
    }

    /// <summary>
    /// The course's short code for event titles: the catalogue number the name starts with ("CS 395T" of
    /// "CS 395T: Advanced Topics in Systems and GenAI"), else the whole name.
    /// </summary>
    public static string ShortCode(CourseDefinition course) =>
        CodePattern().Match(course.Name) is { Success: true } match ? match.Groups["code"].Value : course.Name;

    /// <summary>Letters, an optional space or dash, digits and up to two letters, at the start and followed by a separator or the end.</summary>
    [GeneratedRegex(@"^\s*(?<code>[A-Za-z]{1,6}[ -]?\d{2,4}[A-Za-z]{0,2})(?=\s*(?:[:\-–—·|(]|\s|$))")]
    private static partial Regex CodePattern();

    private static string Uid(CourseDefinition course, string kind, string slot) => $"{course.Id}.{kind}.{slot}@coursebot";

    /// <summary>A meeting's slot: its local date and time, e.g. 20250826T1230.</summary>
    private static string Slot(DateTimeOffset start, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(start, zone).ToString("yyyyMMdd'T'HHmm", CultureInfo.InvariantCulture);

    private static string Compact(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static string Day(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("ddd MMM d", CultureInfo.InvariantCulture);

    private static string Moment(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("ddd MMM d, HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// A student's own events in a course with leads: each class they lead (with the paper) and, when the course sets
    /// one, its slides deadline; in time order. UIDs name the paper and the student, so a paper that moves to another
    /// class moves its events instead of adding new ones.
    /// </summary>
    /// <param name="mine">The student's sign-ups (waitlist places are not theirs to lead, and are left out).</param>
    public static IReadOnlyList<CalendarEntry> Personal(LeadCatalog catalog, IReadOnlyList<LeadSignup> mine, string platform, string userId)
    {
        var course = catalog.Course.Course;
        var code = ShortCode(course);
        var zone = course.TimeZone;
        var student = Hashes.Of($"{platform}\n{userId}");
        var entries = new List<CalendarEntry>();
        foreach (var signup in mine.Where(s => s.WaitlistPosition is null))
        {
            if (catalog.Find(signup.PaperKey) is not { } paper)
            {
                // A paper no class discusses any more has no time to show.
                continue;
            }

            var key = paper.Key.ToLowerInvariant();
            var due = LeadRules.SlidesDueAt(catalog, paper);
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"You lead the discussion of {paper.Title}.\n");
            if (paper.Paper.Url is { } url)
            {
                text.Append(CultureInfo.InvariantCulture, $"{url}\n");
            }

            if (due is { } slides)
            {
                text.Append(CultureInfo.InvariantCulture, $"\nSlides due {Moment(slides, zone)}.\n");
            }

            entries.Add(new CalendarEntry(
                Uid(course, "lead", $"{key}.{student}"), $"{code} · You lead: {paper.ShortTitle}", text.ToString().Trim(), paper.Class.Room,
                paper.Class.Start, paper.Class.End, null, null, catalog.Policy.Reminders));
            if (due is { } at)
            {
                entries.Add(new CalendarEntry(
                    Uid(course, "slides", $"{key}.{student}"), $"{code} · Slides due: {paper.ShortTitle}",
                    $"Your slides for {paper.Title}, which you lead on {Moment(paper.Class.Start, zone)}.", null,
                    at, null, null, null, course.ReminderLeadTimes));
            }
        }

        return entries.OrderBy(e => e.Start).ThenBy(e => e.Uid, StringComparer.Ordinal).DistinctBy(e => e.Uid).ToArray();
    }

    /// <summary>The class's papers, required ones first with their focus, each with its link; its leads; then the response deadline.</summary>
    private static string ClassDescription(ClassMeeting meeting, TimeZoneInfo zone, LeadCatalog? leads, IReadOnlyList<LeadSignup>? signups)
    {
        var text = new StringBuilder();
        Papers(text, meeting.Readings);
        if (leads is not null && signups is not null)
        {
            Leads(text, leads, leads.Papers.Where(p => p.Class.Start == meeting.Start).ToArray(), signups);
        }

        if (meeting.ResponseDue is { } due)
        {
            text.Append(CultureInfo.InvariantCulture, $"Reading response due {Moment(due, zone)}.\n");
        }

        return text.ToString().Trim();
    }

    private static string ResponseDescription(ClassMeeting meeting, TimeZoneInfo zone)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Reading response for the {Moment(meeting.Start, zone)} class.\n\n");
        Papers(text, meeting.Readings);
        return text.ToString().Trim();
    }

    private static void Papers(StringBuilder text, IReadOnlyList<Reading> readings)
    {
        if (readings.Count == 0)
        {
            text.Append("No papers assigned to this class.\n\n");
            return;
        }

        Group(text, "Required", readings.Where(r => r.IsRequired));
        Group(text, "Optional", readings.Where(r => !r.IsRequired));
    }

    /// <summary>"Discussion leads:" and a line per paper to lead, as the roster shows it (names, or "taken" when the course hides them; free slots).</summary>
    private static void Leads(StringBuilder text, LeadCatalog catalog, IReadOnlyList<LeadablePaper> papers, IReadOnlyList<LeadSignup> signups)
    {
        if (papers.Count == 0)
        {
            return;
        }

        text.Append("Discussion leads:\n");
        foreach (var paper in papers)
        {
            var ofPaper = signups.Where(s => string.Equals(s.PaperKey, paper.Key, StringComparison.OrdinalIgnoreCase)).ToArray();
            text.Append(CultureInfo.InvariantCulture, $"• {paper.ShortTitle}: {LeadRoster.Slots(catalog.Policy, ofPaper)}\n");
        }

        text.Append('\n');
    }

    private static void Group(StringBuilder text, string heading, IEnumerable<Reading> readings)
    {
        var list = readings.ToArray();
        if (list.Length == 0)
        {
            return;
        }

        text.Append(CultureInfo.InvariantCulture, $"{heading}:\n");
        foreach (var reading in list)
        {
            var title = reading.Title ?? reading.Key ?? "(untitled)";
            var focus = reading.Requirement.Label is { } label ? $" (focus: {label})" : "";
            text.Append(CultureInfo.InvariantCulture, $"• {title}{focus}\n");
            if (reading.Paper.Url is { } url)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {url}\n");
            }
        }

        text.Append('\n');
    }
}
