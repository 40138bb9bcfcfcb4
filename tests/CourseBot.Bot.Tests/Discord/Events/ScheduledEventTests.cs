using System.Text.Json;
using CourseBot.Bot.Delivery;
using CourseBot.Bot.Discord;
using CourseBot.Bot.Discord.Events;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Scheduling;
using CourseBot.Bot.Storage;
using CourseBot.Bot.Tests.Discord.Fakes;
using CourseBot.Bot.Tests.Http;
using CourseBot.Bot.Tests.Running;
using CourseBot.Core;
using CourseBot.Core.Calendar;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Discord.Events;

/// <summary>
/// Class meetings as guild scheduled events on the loopback fake (bodies checked against Discord's spec):
/// created once across restarts and copies, edited when the course changes, deleted when a class goes,
/// Discord's 100-event limit, a missing Manage Events permission in /readyz.
/// </summary>
public sealed class ScheduledEventTests : WithFakeDiscord
{
    private const string Guild = "1200000000000000007";

    // Monday of week 3, noon in Chicago (CDT): the two-week window holds Tue/Thu of weeks 3 and 4.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 9, 8, 17, 0, 0, TimeSpan.Zero));

    private static readonly DateTimeOffset[] WindowStarts =
    [
        new(2025, 9, 9, 17, 30, 0, TimeSpan.Zero),
        new(2025, 9, 11, 17, 30, 0, TimeSpan.Zero),
        new(2025, 9, 16, 17, 30, 0, TimeSpan.Zero),
        new(2025, 9, 18, 17, 30, 0, TimeSpan.Zero),
    ];

    [Fact]
    public async Task Each_meeting_in_the_window_becomes_one_external_guild_only_event_with_its_papers()
    {
        var course = PostingBot.Course();
        var node = await NodeAsync("node-a", course);

        await node.Sync.RunAsync(CancellationToken.None);

        Assert.True(Api.Violations.IsEmpty, string.Join("\n", Api.Violations));
        var events = Api.EventsOf(Guild);
        Assert.Equal(WindowStarts, events.Select(e => Start(e)));
        var tuesday = events[0].Fields;
        var week3 = course.Calendar.Week(3)!;
        Assert.Equal($"CS 395T · Week 3 · {week3.Title}", tuesday["name"]!.GetValue<string>());
        Assert.Equal(3, tuesday["entity_type"]!.GetValue<int>());
        Assert.Equal(2, tuesday["privacy_level"]!.GetValue<int>());
        Assert.Equal("Class", tuesday["entity_metadata"]!["location"]!.GetValue<string>());
        Assert.Equal(new DateTimeOffset(2025, 9, 9, 19, 0, 0, TimeSpan.Zero), DateTimeOffset.Parse(tuesday["scheduled_end_time"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        var description = tuesday["description"]!.GetValue<string>();
        Assert.NotEmpty(week3.Meetings[0].Readings);
        Assert.All(week3.Meetings[0].Readings.Where(r => r.IsRequired), r => Assert.Contains(r.Title!, description));
        Assert.DoesNotContain(week3.Meetings[1].Readings[0].Title!, description);
        Assert.Equal($"CS 395T · Week 4 · {course.Calendar.Week(4)!.Title}", events[2].Fields["name"]!.GetValue<string>());
        var record = await node.Ledger.FindAsync(ScheduledEventSync.Key("cs395t", "2025-09-09T17:30:00Z", Guild), CancellationToken.None);
        Assert.Equal((PostState.Sent, events[0].Id), (record!.State, record.MessageId));
    }

    [Fact]
    public void A_meeting_with_a_room_takes_it_as_the_event_location()
    {
        var course = PostingBot.Course();
        var week3 = course.Calendar.Week(3)!;

        var inRoom = ClassEvent.Create(course, week3, week3.Meetings[0] with { Room = "GDC 2.216" });
        var withoutRoom = ClassEvent.Create(course, week3, week3.Meetings[0]);

        Assert.Equal("GDC 2.216", inRoom.Body.Metadata.Location);
        Assert.Equal("Class", withoutRoom.Body.Metadata.Location);
    }

    [Fact]
    public async Task A_restart_and_a_second_copy_create_nothing_twice()
    {
        var course = PostingBot.Course();
        await (await NodeAsync("node-a", course)).Sync.RunAsync(CancellationToken.None);

        // A new process on the same database, and two copies syncing at once.
        var restarted = await NodeAsync("node-a-restarted", course);
        var other = await NodeAsync("node-b", course);
        await Task.WhenAll(restarted.Sync.RunAsync(CancellationToken.None), other.Sync.RunAsync(CancellationToken.None));
        _clock.Advance(TimeSpan.FromHours(1));
        await restarted.Sync.RunAsync(CancellationToken.None);

        Assert.Equal(4, Api.To(FakeDiscordApi.ScheduledEventsTemplate).Count(r => r.Method == "POST"));
        Assert.Empty(Api.To(FakeDiscordApi.ScheduledEventTemplate));
        Assert.Equal(WindowStarts, Api.EventsOf(Guild).Select(e => Start(e)));
    }

    [Fact]
    public async Task Two_copies_racing_from_nothing_create_each_event_once()
    {
        var course = PostingBot.Course();
        var a = await NodeAsync("node-a", course);
        var b = await NodeAsync("node-b", course);

        await Task.WhenAll(a.Sync.RunAsync(CancellationToken.None), b.Sync.RunAsync(CancellationToken.None));
        await a.Sync.RunAsync(CancellationToken.None);

        Assert.Equal(WindowStarts, Api.EventsOf(Guild).Select(e => Start(e)).Order());
    }

    [Fact]
    public async Task A_changed_reading_list_edits_the_events_in_place_once()
    {
        var node = await NodeAsync("node-a", PostingBot.Course());
        await node.Sync.RunAsync(CancellationToken.None);
        var ids = Api.EventsOf(Guild).Select(e => e.Id).ToArray();

        // The first topic now takes three weeks: week 3 reads it, and week 4 the second topic's first half.
        var changed = PostingBot.Course(d => d with { Plan = [d.Plan![0] with { Weeks = 3 }, .. d.Plan.Skip(1)] });
        var after = await NodeAsync("node-a-reloaded", changed);
        await after.Sync.RunAsync(CancellationToken.None);
        var edits = Api.To(FakeDiscordApi.ScheduledEventTemplate).Count(r => r.Method == "PATCH");
        await after.Sync.RunAsync(CancellationToken.None);

        Assert.True(Api.Violations.IsEmpty, string.Join("\n", Api.Violations));
        var events = Api.EventsOf(Guild);
        Assert.Equal(ids, events.Select(e => e.Id));
        Assert.Equal(4, Api.To(FakeDiscordApi.ScheduledEventsTemplate).Count(r => r.Method == "POST"));
        Assert.InRange(edits, 1, 4);
        Assert.Equal(edits, Api.To(FakeDiscordApi.ScheduledEventTemplate).Count(r => r.Method == "PATCH"));
        var week3 = changed.Calendar.Week(3)!;
        Assert.Equal($"CS 395T · Week 3 · {week3.Title}", events[0].Fields["name"]!.GetValue<string>());
        Assert.Equal(changed.ReadingList.Topics[0].Name, week3.Title);
        Assert.Contains(week3.Meetings[0].Readings.First(r => r.IsRequired).Title!, events[0].Fields["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_moved_class_time_edits_start_and_end()
    {
        var node = await NodeAsync("node-a", PostingBot.Course());
        await node.Sync.RunAsync(CancellationToken.None);

        var later = PostingBot.Course(d => d with { Meetings = [.. d.Meetings.Select(m => m with { End = new TimeOnly(14, 30) })] });
        await (await NodeAsync("node-a", later)).Sync.RunAsync(CancellationToken.None);

        Assert.Equal(4, Api.To(FakeDiscordApi.ScheduledEventTemplate).Count(r => r.Method == "PATCH"));
        Assert.All(Api.EventsOf(Guild), e => Assert.Equal(19, DateTimeOffset.Parse(e.Fields["scheduled_end_time"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).UtcDateTime.Hour));
        Assert.All(Api.EventsOf(Guild), e => Assert.Equal(30, DateTimeOffset.Parse(e.Fields["scheduled_end_time"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).UtcDateTime.Minute));
    }

    [Fact]
    public async Task A_class_that_disappears_has_its_event_deleted_once_and_the_rest_stay()
    {
        var node = await NodeAsync("node-a", PostingBot.Course());
        await node.Sync.RunAsync(CancellationToken.None);
        var thursday = Api.EventsOf(Guild)[1];

        // Thursday of week 3 is cancelled.
        var cancelled = PostingBot.Course(d => d with { Holidays = [.. d.Holidays, new Holiday("Cancelled", new DateOnly(2025, 9, 11), new DateOnly(2025, 9, 11))] });
        var after = await NodeAsync("node-b", cancelled);
        await after.Sync.RunAsync(CancellationToken.None);
        await after.Sync.RunAsync(CancellationToken.None);

        var deletes = Api.To(FakeDiscordApi.ScheduledEventTemplate).Where(r => r.Method == "DELETE").ToArray();
        Assert.Equal($"/api/v10/guilds/{Guild}/scheduled-events/{thursday.Id}", Assert.Single(deletes).Path);
        Assert.Equal([WindowStarts[0], WindowStarts[2], WindowStarts[3]], Api.EventsOf(Guild).Select(e => Start(e)));
        var record = await after.Ledger.FindAsync(ScheduledEventSync.Key("cs395t", "2025-09-11T17:30:00Z", Guild), CancellationToken.None);
        Assert.NotNull(record!.GoneAt);
        Assert.Equal(4, Api.To(FakeDiscordApi.ScheduledEventsTemplate).Count(r => r.Method == "POST"));
    }

    [Fact]
    public async Task A_course_that_leaves_has_its_future_events_deleted()
    {
        await (await NodeAsync("node-a", PostingBot.Course())).Sync.RunAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromDays(2)); // Tuesday's class is past: its event is left as it was.

        await (await NodeAsync("node-a", course: null)).Sync.RunAsync(CancellationToken.None);

        Assert.Equal([WindowStarts[0]], Api.EventsOf(Guild).Select(e => Start(e)));
    }

    [Fact]
    public async Task At_discords_limit_of_100_events_creation_stops_says_so_and_resumes_when_there_is_room()
    {
        for (var i = 0; i < FakeDiscordApi.ScheduledEventLimit - 2; i++)
        {
            Api.AddOthersEvent(Guild, $"Club meeting {i}", new DateTimeOffset(2025, 10, 1, 0, 0, 0, TimeSpan.Zero).AddDays(i));
        }

        var node = await NodeAsync("node-a", PostingBot.Course());
        await node.Sync.RunAsync(CancellationToken.None);
        var full = await ReadinessAsync(node);

        Assert.Equal(2, Api.To(FakeDiscordApi.ScheduledEventsTemplate).Count(r => r.Method == "POST"));
        Assert.Equal(FakeDiscordApi.ScheduledEventLimit, Api.EventsOf(Guild).Count);
        Assert.Contains("2 class meeting(s) not made events", full.GetProperty("limit").GetString());
        Assert.Contains("100", full.GetProperty("limit").GetString());

        Api.DeleteEvent(Guild, Api.EventsOf(Guild)[0].Id);
        Api.DeleteEvent(Guild, Api.EventsOf(Guild)[0].Id);
        await node.Sync.RunAsync(CancellationToken.None);
        var room = await ReadinessAsync(node);

        Assert.Equal(4, Api.To(FakeDiscordApi.ScheduledEventsTemplate).Count(r => r.Method == "POST"));
        Assert.Equal(WindowStarts, Api.EventsOf(Guild).Where(e => e.CreatorId == FakeDiscordApi.ApplicationId).Select(e => Start(e)).Order());
        Assert.False(room.TryGetProperty("limit", out _));
    }

    [Fact]
    public async Task A_missing_manage_events_permission_shows_in_readyz_with_what_to_do_and_clears_once_granted()
    {
        Api.GuildsWithoutManageEvents.Add(Guild);
        var node = await NodeAsync("node-a", PostingBot.Course());

        await node.Sync.RunAsync(CancellationToken.None);
        var refused = await ReadinessAsync(node);

        Assert.Empty(Api.EventsOf(Guild));
        Assert.Contains("Manage Events", refused.GetProperty("permission").GetString());
        Assert.Contains("Missing Permissions", refused.GetProperty("permission").GetString());

        Api.GuildsWithoutManageEvents.Remove(Guild);
        await node.Sync.RunAsync(CancellationToken.None);
        var granted = await ReadinessAsync(node);

        Assert.Equal(WindowStarts, Api.EventsOf(Guild).Select(e => Start(e)));
        Assert.Equal("ok", granted.GetProperty("permission").GetString());
    }

    private static DateTimeOffset Start(FakeScheduledEvent e) =>
        DateTimeOffset.Parse(e.Fields["scheduled_start_time"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime();

    private static async Task<JsonElement> ReadinessAsync(Node node)
    {
        using var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer))
        {
            Assert.True(await node.Readiness.WriteAsync(json, CancellationToken.None));
        }

        return JsonDocument.Parse(buffer.ToArray()).RootElement.Clone();
    }

    /// <summary>One bot process serving <paramref name="course"/> (none: the course left): its own ledger on the shared SQLite file, REST client and sync.</summary>
    private async Task<Node> NodeAsync(string name, CourseSnapshot? course)
    {
        var ledger = new SqlitePostingLedger($"Data Source={Path.Combine(Data.Path, "ledger.db")}", _clock, new PostingLedgerOptions());
        await ledger.EnsureSchemaAsync(CancellationToken.None);
        var catalog = new CourseCatalog();
        if (course is not null)
        {
            catalog.Publish(new CourseStatus(course, "v1", _clock.GetUtcNow(), null));
        }

        var options = Options.Create(new DiscordOptions { ScheduledEvents = true, ScheduledEventsGuildId = Guild });
        var rest = RestClients.DiscordClient(Api.ApiBaseUrl, TimeProvider.System);
        var status = new ScheduledEventStatus();
        var delivery = new ScheduledEventDelivery(rest, status);
        var sender = new PostSender<ClassEvent>(ledger, [delivery], name, NullLogger<PostSender<ClassEvent>>.Instance);
        var editor = new PostEditor<ClassEvent>(ledger, sender, [delivery], name, NullLogger<PostEditor<ClassEvent>>.Instance);
        var sync = new ScheduledEventSync(catalog, ledger, editor, rest, status, options, _clock, NullLogger<ScheduledEventSync>.Instance);
        return new Node(ledger, sync, new ScheduledEventReadiness(options, status));
    }

    private sealed record Node(SqlPostingLedger Ledger, ScheduledEventSync Sync, ScheduledEventReadiness Readiness);
}
