using CourseBot.Bot.Calendar;
using CourseBot.Bot.Tests.Scheduling;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Calendar;

/// <summary>The sample course's feed read back with Ical.Net: events, times across the DST change, UIDs and SEQUENCE.</summary>
public sealed class CalendarFeedTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 8, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _temp.Dispose();

    private string StoreFile => Path.Combine(_temp.Path, "store.db");

    [Fact]
    public async Task The_sample_term_has_28_classes_28_response_deadlines_and_one_holiday()
    {
        // Tue/Thu from Aug 26 to Dec 4, 2025: 15 weeks, Thanksgiving week off.
        var calendar = CalendarFixtures.Parse(await BuildAsync(await CalendarFixtures.SampleAsync()));

        Assert.Equal(28, calendar.Events.Count(e => e.Uid!.Contains(".class.", StringComparison.Ordinal)));
        Assert.Equal(28, calendar.Events.Count(e => e.Uid!.Contains(".response.", StringComparison.Ordinal)));
        var holiday = Assert.Single(calendar.Events, e => e.IsAllDay);
        Assert.Equal("CS 395T · Thanksgiving break (no class)", holiday.Summary);
        Assert.Equal(new DateTime(2025, 11, 24), holiday.DtStart!.Value);
        Assert.Equal(new DateTime(2025, 12, 1), holiday.DtEnd!.Value);
        Assert.Equal(57, calendar.Events.Count);
    }

    [Fact]
    public async Task Class_times_stay_at_12_30_in_Chicago_across_the_November_2_change()
    {
        var calendar = CalendarFixtures.Parse(await BuildAsync(await CalendarFixtures.SampleAsync()));

        var before = Assert.Single(calendar.Events, e => e.Uid == "cs395t.class.20251030T1230@coursebot");
        var after = Assert.Single(calendar.Events, e => e.Uid == "cs395t.class.20251104T1230@coursebot");
        Assert.Equal(new DateTime(2025, 10, 30, 17, 30, 0, DateTimeKind.Utc), before.DtStart!.AsUtc);
        Assert.Equal(new DateTime(2025, 10, 30, 19, 0, 0, DateTimeKind.Utc), before.DtEnd!.AsUtc);
        Assert.Equal(new DateTime(2025, 11, 4, 18, 30, 0, DateTimeKind.Utc), after.DtStart!.AsUtc);
        Assert.Equal("America/Chicago", after.DtStart.TzId);

        // Due 18:00 the day before class: Monday Nov 3 is already CST.
        var due = Assert.Single(calendar.Events, e => e.Uid == "cs395t.response.20251104T1230@coursebot");
        Assert.Equal(new DateTime(2025, 11, 4, 0, 0, 0, DateTimeKind.Utc), due.DtStart!.AsUtc);
        var alarm = Assert.Single(due.Alarms);
        Assert.Equal("DISPLAY", alarm.Action);
        var zone = Assert.Single(calendar.TimeZones);
        Assert.Equal("America/Chicago", zone.TzId);
    }

    [Fact]
    public async Task A_class_lists_its_papers_required_first_with_focus_and_links_and_the_deadline()
    {
        var calendar = CalendarFixtures.Parse(await BuildAsync(await CalendarFixtures.SampleAsync()));

        var tuesday = Assert.Single(calendar.Events, e => e.Uid == "cs395t.class.20250909T1230@coursebot");
        Assert.Equal("CS 395T · Week 3 · LLM Post-Training for Alignment", tuesday.Summary);
        Assert.Equal(
            "Required:\n"
            + "• HybridFlow: A Flexible and Efficient RLHF Framework (focus: Resource Efficiency)\n"
            + "  https://dl.acm.org/doi/10.1145/3689031.3696075\n\n"
            + "Optional:\n"
            + "• Optimizing RLHF Training for Large Language Models with Stage Fusion\n"
            + "  https://www.usenix.org/conference/nsdi25/presentation/zhong\n\n"
            + "Reading response due Mon Sep 8, 18:00.",
            tuesday.Description);
        Assert.Null(tuesday.Location);
    }

    [Fact]
    public async Task A_meeting_room_from_the_course_file_is_the_location()
    {
        var snapshot = await CalendarFixtures.EditedAsync(_temp.Path, text => text.Replace(
            """{ day: Thursday, start: "12:30", end: "14:00" }""",
            """{ day: Thursday, start: "12:30", end: "14:00", room: "GDC 1.304, Austin" }""",
            StringComparison.Ordinal));

        var calendar = CalendarFixtures.Parse(await BuildAsync(snapshot));

        Assert.Equal("GDC 1.304, Austin", Assert.Single(calendar.Events, e => e.Uid == "cs395t.class.20250911T1230@coursebot").Location);
        Assert.Null(Assert.Single(calendar.Events, e => e.Uid == "cs395t.class.20250909T1230@coursebot").Location);
    }

    [Fact]
    public async Task A_restart_serves_the_same_bytes_with_the_same_uids_and_sequence_0()
    {
        var snapshot = await CalendarFixtures.SampleAsync();
        var first = await BuildAsync(snapshot);

        _time.Advance(TimeSpan.FromDays(3));
        var restarted = await BuildAsync(await CalendarFixtures.SampleAsync());

        Assert.Equal(first.ETag, restarted.ETag);
        Assert.Equal(first.Body, restarted.Body);
        Assert.All(CalendarFixtures.Parse(restarted).Events, e => Assert.Equal(0, e.Sequence));
    }

    [Fact]
    public async Task A_renumbering_edit_keeps_the_uids_of_the_same_meetings_and_raises_sequence_only_where_content_changed()
    {
        var before = CalendarFixtures.Parse(await BuildAsync(await CalendarFixtures.SampleAsync()));
        var lastModifiedBefore = (await BuildAsync(await CalendarFixtures.SampleAsync())).LastModified;

        // A fall break in the week of Oct 6: every later week's number (and topic) shifts by one.
        _time.Advance(TimeSpan.FromDays(1));
        var edited = await BuildAsync(await CalendarFixtures.EditedAsync(_temp.Path, text => text.Replace(
            "  - { name: Thanksgiving break, from: 2025-11-24, to: 2025-11-30 }",
            "  - { name: Fall break, from: 2025-10-06, to: 2025-10-12 }\n  - { name: Thanksgiving break, from: 2025-11-24, to: 2025-11-30 }",
            StringComparison.Ordinal)));
        var after = CalendarFixtures.Parse(edited);

        var oldUids = before.Events.Select(e => e.Uid).ToHashSet();
        var newUids = after.Events.Select(e => e.Uid).ToHashSet();
        string[] fallBreakClasses =
        [
            "cs395t.class.20251007T1230@coursebot", "cs395t.class.20251009T1230@coursebot",
            "cs395t.response.20251007T1230@coursebot", "cs395t.response.20251009T1230@coursebot",
        ];
        Assert.Equal(oldUids.Except(fallBreakClasses).Append("cs395t.holiday.20251006-20251012@coursebot").ToHashSet(), newUids);

        var oct14 = Assert.Single(after.Events, e => e.Uid == "cs395t.class.20251014T1230@coursebot");
        Assert.StartsWith("CS 395T · Week 7 · ", oct14.Summary, StringComparison.Ordinal);
        Assert.StartsWith("CS 395T · Week 8 · ", Assert.Single(before.Events, e => e.Uid == oct14.Uid).Summary, StringComparison.Ordinal);
        Assert.Equal(1, oct14.Sequence);
        // Weeks before the break say what they said: same content, same SEQUENCE.
        Assert.Equal(0, Assert.Single(after.Events, e => e.Uid == "cs395t.class.20250909T1230@coursebot").Sequence);
        Assert.Equal(0, Assert.Single(after.Events, e => e.Uid == "cs395t.holiday.20251124-20251130@coursebot").Sequence);
        Assert.Equal(0, Assert.Single(after.Events, e => e.Uid == "cs395t.holiday.20251006-20251012@coursebot").Sequence);
        Assert.Equal(_time.GetUtcNow(), edited.LastModified);
        Assert.True(edited.LastModified > lastModifiedBefore);
    }

    [Fact]
    public async Task Sequence_rises_once_per_change_and_not_when_the_content_comes_back_unchanged()
    {
        const string uid = "cs395t.class.20250826T1230@coursebot";
        await BuildAsync(await CalendarFixtures.SampleAsync());
        var roomA = await CalendarFixtures.EditedAsync(_temp.Path, text => text.Replace("""end: "14:00" }""", """end: "14:00", room: "GDC 1.304" }""", StringComparison.Ordinal));
        var roomB = await CalendarFixtures.EditedAsync(_temp.Path, text => text.Replace("""end: "14:00" }""", """end: "14:00", room: "GDC 2.216" }""", StringComparison.Ordinal));

        Assert.Equal(1, Sequence(await BuildAsync(roomA), uid));
        Assert.Equal(1, Sequence(await BuildAsync(roomA), uid));
        Assert.Equal(2, Sequence(await BuildAsync(roomB), uid));
        Assert.Equal(2, Sequence(await BuildAsync(roomB), uid));
    }

    private static int Sequence(CalendarFeed feed, string uid) =>
        Assert.Single(CalendarFixtures.Parse(feed).Events, e => e.Uid == uid).Sequence;

    /// <summary>Each build opens the store afresh, as a restarted bot would.</summary>
    private async Task<CalendarFeed> BuildAsync(Core.CourseSnapshot snapshot) =>
        await CalendarFeed.BuildAsync(snapshot, "v", await CalendarFixtures.StoreAsync(StoreFile, _time), CancellationToken.None);
}
