using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CourseBot.Core;
using CourseBot.Core.Calendar;
using CourseBot.Core.ReadingList;

namespace CourseBot.Bot.Calendar;

/// <summary>
/// The events of a course's calendar: one per class meeting, one per reading-response deadline, one all-day
/// event per holiday, in time order.
/// </summary>
internal static partial class CalendarEntries
{
    public static IReadOnlyList<CalendarEntry> Of(CourseSnapshot snapshot)
    {
        var course = snapshot.Course;
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
                    Uid(course, "class", slot), summary, ClassDescription(meeting, zone), meeting.Room,
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

    /// <summary>The class's papers, required ones first with their focus, each with its link; then the response deadline.</summary>
    private static string ClassDescription(ClassMeeting meeting, TimeZoneInfo zone)
    {
        var text = new StringBuilder();
        Papers(text, meeting.Readings);
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
