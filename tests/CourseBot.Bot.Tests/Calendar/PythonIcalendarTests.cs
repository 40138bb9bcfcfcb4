using System.Diagnostics;
using System.Text.Json;
using CourseBot.Bot.Calendar;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Bot.Tests.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Calendar;

/// <summary>
/// The feed read by an independent parser: Python's icalendar (Debian's python3-icalendar, installed by
/// .ci/run), run as a child process with a bounded wait.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Process)]
public sealed class PythonIcalendarTests : IDisposable
{
    // Debian's interpreter: the one python3-icalendar installs into (a pyenv python3 on PATH would not see it).
    private const string Python = "/usr/bin/python3";

    /// <summary>Prints every VEVENT as JSON: times in UTC (a date stays a date), SEQUENCE, alarms in seconds.</summary>
    private const string Reader = """
        import json, sys, datetime
        from icalendar import Calendar
        calendar = Calendar.from_ical(open(sys.argv[1], 'rb').read())
        def when(component, name):
            if name not in component:
                return None
            value = component.decoded(name)
            if isinstance(value, datetime.datetime):
                if value.tzinfo is None:
                    raise SystemExit(name + ' has no time zone: ' + str(value))
                return value.astimezone(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')
            return value.isoformat()
        events = []
        for event in calendar.walk('VEVENT'):
            events.append({
                'uid': str(event['UID']),
                'summary': str(event['SUMMARY']),
                'sequence': int(event.get('SEQUENCE', 0)),
                'start': when(event, 'DTSTART'),
                'end': when(event, 'DTEND'),
                'location': str(event['LOCATION']) if 'LOCATION' in event else None,
                'alarms': [int(alarm.decoded('TRIGGER').total_seconds()) for alarm in event.walk('VALARM')],
            })
        print(json.dumps({'timezones': [str(z['TZID']) for z in calendar.walk('VTIMEZONE')], 'events': events}))
        """;

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Python_icalendar_reads_the_same_events_times_and_alarms()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 8, 1, 12, 0, 0, TimeSpan.Zero));
        var feed = await CalendarFeed.BuildAsync(
            await CalendarFixtures.SampleAsync(), "v", await CalendarFixtures.StoreAsync(Path.Combine(_temp.Path, "store.db"), time), CancellationToken.None);

        var read = await ReadAsync(feed);

        Assert.Equal(["America/Chicago"], read.GetProperty("timezones").EnumerateArray().Select(z => z.GetString()));
        var events = read.GetProperty("events").EnumerateArray().ToDictionary(e => e.GetProperty("uid").GetString()!);
        Assert.Equal(57, events.Count);
        Assert.Equal(28, events.Keys.Count(k => k.Contains(".class.", StringComparison.Ordinal)));
        Assert.Equal(28, events.Keys.Count(k => k.Contains(".response.", StringComparison.Ordinal)));

        // 12:30 in Chicago on either side of the Nov 2 change: CDT (UTC-5), then CST (UTC-6).
        Assert.Equal("2025-10-30T17:30:00Z", events["cs395t.class.20251030T1230@coursebot"].GetProperty("start").GetString());
        Assert.Equal("2025-10-30T19:00:00Z", events["cs395t.class.20251030T1230@coursebot"].GetProperty("end").GetString());
        Assert.Equal("2025-11-04T18:30:00Z", events["cs395t.class.20251104T1230@coursebot"].GetProperty("start").GetString());
        Assert.Equal("2025-11-04T20:00:00Z", events["cs395t.class.20251104T1230@coursebot"].GetProperty("end").GetString());

        var due = events["cs395t.response.20251104T1230@coursebot"];
        Assert.Equal("2025-11-04T00:00:00Z", due.GetProperty("start").GetString());
        Assert.Equal([-3 * 3600], due.GetProperty("alarms").EnumerateArray().Select(a => a.GetInt32()));

        var holiday = events["cs395t.holiday.20251124-20251130@coursebot"];
        Assert.Equal("2025-11-24", holiday.GetProperty("start").GetString());
        Assert.Equal("2025-12-01", holiday.GetProperty("end").GetString());
        Assert.Equal("CS 395T · Week 3 · LLM Post-Training for Alignment", events["cs395t.class.20250909T1230@coursebot"].GetProperty("summary").GetString());
        Assert.All(events.Values, e => Assert.Equal(0, e.GetProperty("sequence").GetInt32()));
    }

    [Fact]
    public async Task Python_icalendar_reads_a_personal_feed_the_lead_class_and_the_slides_deadline_with_alarms()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 8, 20, 12, 0, 0, TimeSpan.Zero));
        var catalog = Core.Leads.LeadCatalog.For(await CalendarFixtures.SampleAsync())!;
        var ada = new Core.Leads.LeadStudent("discord", "1001", "Ada");
        Core.Leads.LeadSignup[] signups =
        [
            new("cs395t", PersonalFeedTests.HybridFlow, ada, time.GetUtcNow(), null),
            new("cs395t", "megatron-sc21", new Core.Leads.LeadStudent("slack", "U0GRACE", "Grace"), time.GetUtcNow(), null),
        ];
        var feed = await CalendarFeed.BuildPersonalAsync(
            catalog, "v", signups, new CalendarTokenOwner(ada.Platform, ada.UserId),
            await CalendarFixtures.StoreAsync(Path.Combine(_temp.Path, "store.db"), time), CancellationToken.None);

        var read = await ReadAsync(feed);

        Assert.Equal(["America/Chicago"], read.GetProperty("timezones").EnumerateArray().Select(z => z.GetString()));
        var events = read.GetProperty("events").EnumerateArray().ToArray();
        Assert.Equal(2, events.Length);
        var lead = Assert.Single(events, e => e.GetProperty("summary").GetString() == "CS 395T · You lead: HybridFlow");
        Assert.Equal("2025-09-09T17:30:00Z", lead.GetProperty("start").GetString());
        Assert.Equal("2025-09-09T19:00:00Z", lead.GetProperty("end").GetString());
        Assert.Equal([-2 * 86400, -3 * 3600], lead.GetProperty("alarms").EnumerateArray().Select(a => a.GetInt32()).Order());
        var slides = Assert.Single(events, e => e.GetProperty("summary").GetString() == "CS 395T · Slides due: HybridFlow");
        Assert.Equal("2025-09-08T22:00:00Z", slides.GetProperty("start").GetString());
        Assert.Equal([-3 * 3600], slides.GetProperty("alarms").EnumerateArray().Select(a => a.GetInt32()));
    }

    private async Task<JsonElement> ReadAsync(CalendarFeed feed)
    {
        Assert.True(File.Exists(Python), $"{Python} is missing: install Debian's python3-icalendar (apt-get install python3-icalendar), as .ci/run does");
        var file = Path.Combine(_temp.Path, "feed.ics");
        await File.WriteAllBytesAsync(file, feed.Body);
        var script = Path.Combine(_temp.Path, "read_ics.py");
        await File.WriteAllTextAsync(script, Reader);
        var start = new ProcessStartInfo(Python) { ArgumentList = { script, file } };
        using var process = await WatchedProcess.RunAsync(start, TimeSpan.FromSeconds(60));
        Assert.True(process.ExitCode == 0, $"{process.CommandLine} exited {process.ExitCode} (is python3-icalendar installed?): {process.Error}");
        return JsonDocument.Parse(process.Output).RootElement.Clone();
    }
}
