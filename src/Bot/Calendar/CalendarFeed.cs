using System.Text;
using CourseBot.Core;
using CourseBot.Core.Leads;

namespace CourseBot.Bot.Calendar;

/// <summary>One course's calendar as served: the iCalendar bytes, their ETag, and when anything in it last changed.</summary>
/// <param name="Version">The course version (<c>CourseStatus.Version</c>) it was built from.</param>
public sealed record CalendarFeed(string CourseId, string Version, byte[] Body, string ETag, DateTimeOffset LastModified)
{
    /// <summary>
    /// What the course's sign-ups looked like when it was built (a hash; empty without leads): a sign-up change
    /// makes a new feed of the same course version.
    /// </summary>
    public string Signups { get; init; } = "";

    /// <summary>
    /// Builds the feed of a course snapshot: records the events' contents (SEQUENCE goes up for each one that
    /// changed), then writes the calendar.
    /// </summary>
    /// <param name="signups">The course's sign-ups, listed with its classes; null when it has none (or they are not known here).</param>
    public static async Task<CalendarFeed> BuildAsync(CourseSnapshot snapshot, string version, ICalendarRevisions revisions, CancellationToken ct, IReadOnlyList<LeadSignup>? signups = null)
    {
        var course = snapshot.Course;
        var feed = await WriteAsync(snapshot, version, course.Name, FeedKey(course.Id), CalendarEntries.Of(snapshot, signups), revisions, ct);
        return feed with { Signups = SignupsHash(signups) };
    }

    /// <summary>
    /// A student's personal feed: the classes they lead and their slides deadlines (see <see cref="CalendarEntries.Personal"/>),
    /// with SEQUENCE kept in the same store as the course feed's.
    /// </summary>
    public static Task<CalendarFeed> BuildPersonalAsync(
        LeadCatalog catalog, string version, IReadOnlyList<LeadSignup> signups, CalendarTokenOwner owner, ICalendarRevisions revisions, CancellationToken ct)
    {
        var course = catalog.Course.Course;
        var mine = signups.Where(s => s.Student.Platform == owner.Platform && s.Student.UserId == owner.UserId).ToArray();
        var entries = CalendarEntries.Personal(catalog, mine, owner.Platform, owner.UserId);
        var feedKey = $"{course.Id}.personal.{Hashes.Of($"{owner.Platform}\n{owner.UserId}")}@coursebot";
        return WriteAsync(catalog.Course, version, $"{CalendarEntries.ShortCode(course)} · my discussion leads", feedKey, entries, revisions, ct);
    }

    /// <summary>The hash a feed is told apart by for the sign-ups it lists.</summary>
    public static string SignupsHash(IReadOnlyList<LeadSignup>? signups) => signups is null ? ""
        : Hashes.Of(string.Join('\n', signups.Select(s => $"{s.PaperKey}\u001f{s.Student.Platform}\u001f{s.Student.UserId}\u001f{s.Student.DisplayName}\u001f{s.WaitlistPosition}")));

    private static async Task<CalendarFeed> WriteAsync(
        CourseSnapshot snapshot, string version, string name, string feedKey, IReadOnlyList<CalendarEntry> entries, ICalendarRevisions revisions, CancellationToken ct)
    {
        var course = snapshot.Course;
        var contents = entries.Select(e => (e.Uid, e.ContentHash)).ToList();
        // The feed itself is recorded too: its "hash" covers which events exist, so removing one moves Last-Modified.
        contents.Add((feedKey, Hashes.Of(string.Join('\n', contents.Select(c => $"{c.Uid} {c.ContentHash}")))));
        var recorded = await revisions.RecordAsync(course.Id, contents, ct);

        var ics = new IcsWriter();
        ics.Begin("VCALENDAR");
        ics.Value("VERSION", "2.0");
        ics.Value("PRODID", "-//CourseBot//Course calendar//EN");
        ics.Value("CALSCALE", "GREGORIAN");
        // No METHOD: in a plain published calendar DTSTAMP is when the event's information last changed
        // (RFC 5545 §3.8.7.2), so the bytes, and the ETag, stay the same until something does change.
        ics.Text("X-WR-CALNAME", name);
        ics.Text("NAME", name);
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
