using System.Text;
using CourseBot.Core;

namespace CourseBot.Bot.Calendar;

/// <summary>One course's calendar as served: the iCalendar bytes, their ETag, and when anything in it last changed.</summary>
/// <param name="Version">The course version (<c>CourseStatus.Version</c>) it was built from.</param>
public sealed record CalendarFeed(string CourseId, string Version, byte[] Body, string ETag, DateTimeOffset LastModified)
{
    /// <summary>
    /// Builds the feed of a course snapshot: records the events' contents (SEQUENCE goes up for each one that
    /// changed), then writes the calendar.
    /// </summary>
    public static async Task<CalendarFeed> BuildAsync(CourseSnapshot snapshot, string version, ICalendarRevisions revisions, CancellationToken ct)
    {
        var course = snapshot.Course;
        var entries = CalendarEntries.Of(snapshot);
        var contents = entries.Select(e => (e.Uid, e.ContentHash)).ToList();
        // The feed itself is recorded too: its "hash" covers which events exist, so removing one moves Last-Modified.
        var feedKey = FeedKey(course.Id);
        contents.Add((feedKey, Hashes.Of(string.Join('\n', contents.Select(c => $"{c.Uid} {c.ContentHash}")))));
        var recorded = await revisions.RecordAsync(course.Id, contents, ct);

        var ics = new IcsWriter();
        ics.Begin("VCALENDAR");
        ics.Value("VERSION", "2.0");
        ics.Value("PRODID", "-//CourseBot//Course calendar//EN");
        ics.Value("CALSCALE", "GREGORIAN");
        // No METHOD: in a plain published calendar DTSTAMP is when the event's information last changed
        // (RFC 5545 §3.8.7.2), so the bytes, and the ETag, stay the same until something does change.
        ics.Text("X-WR-CALNAME", course.Name);
        ics.Text("NAME", course.Name);
        ics.Value("X-WR-TIMEZONE", course.TimeZone.Id);
        // How often clients should poll (RFC 7986, and the older name Outlook reads).
        ics.Value("REFRESH-INTERVAL;VALUE=DURATION", "PT1H");
        ics.Value("X-PUBLISHED-TTL", "PT1H");
        var timed = entries.SelectMany(e => new[] { e.Start, e.End }).OfType<DateTimeOffset>().ToArray();
        if (timed.Length > 0)
        {
            IcsTimeZone.Write(ics, course.TimeZone, timed.Min(), timed.Max());
        }

        foreach (var entry in entries)
        {
            WriteEvent(ics, entry, recorded[entry.Uid], course.TimeZone);
        }

        ics.End("VCALENDAR");
        var body = Encoding.UTF8.GetBytes(ics.ToString());
        var etag = $"\"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body).AsSpan(0, 16))}\"";
        return new CalendarFeed(course.Id, version, body, etag, recorded[feedKey].ChangedAt);
    }

    private static string FeedKey(string courseId) => $"{courseId}.calendar@coursebot";

    private static void WriteEvent(IcsWriter ics, CalendarEntry entry, CalendarRevision revision, TimeZoneInfo zone)
    {
        ics.Begin("VEVENT");
        ics.Text("UID", entry.Uid);
        ics.Utc("DTSTAMP", revision.ChangedAt);
        ics.Utc("LAST-MODIFIED", revision.ChangedAt);
        ics.Value("SEQUENCE", revision.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (entry.Start is { } start)
        {
            ics.Local("DTSTART", start, zone);
            if (entry.End is { } end)
            {
                ics.Local("DTEND", end, zone);
            }
        }
        else
        {
            ics.Date("DTSTART", entry.FirstDay!.Value);
            // DTEND of an all-day event is the day after the last (exclusive).
            ics.Date("DTEND", entry.LastDay!.Value.AddDays(1));
            ics.Value("TRANSP", "TRANSPARENT");
        }

        ics.Text("SUMMARY", entry.Summary);
        ics.Text("DESCRIPTION", entry.Description);
        if (entry.Location is { } location)
        {
            ics.Text("LOCATION", location);
        }

        foreach (var lead in entry.Reminders)
        {
            ics.Begin("VALARM");
            ics.Value("ACTION", "DISPLAY");
            ics.Value("TRIGGER", IcsWriter.Before(lead));
            ics.Text("DESCRIPTION", entry.Summary);
            ics.End("VALARM");
        }

        ics.End("VEVENT");
    }
}
