using System.Text;
using System.Text.Json;
using CourseBot.Bot.Delivery;
using CourseBot.Bot.Discord;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Scheduling;
using CourseBot.Bot.Slack;
using CourseBot.Bot.Storage;
using CourseBot.Bot.Tests.Discord.Fakes;
using CourseBot.Bot.Tests.Http;
using CourseBot.Bot.Tests.Running;
using CourseBot.Bot.Tests.Slack;
using CourseBot.Core;
using CourseBot.Core.Calendar;
using CourseBot.Core.ReadingList;
using CourseBot.Core.Replies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Follow;

/// <summary>
/// The pinned term schedule (<c>channels.pinSchedule: true</c>) on FakeDiscord and FakeSlack: posted once per
/// channel and pinned once, edited in place after a course edit, nothing twice across a restart or two nodes on one
/// ledger, a deleted schedule left deleted, a refused pin logged and shown in readiness, and nothing without the option.
/// </summary>
public sealed class PinnedScheduleTests : WithFakeDiscord
{
    private const string DiscordChannel = "1200000000000000012";
    private const string SlackChannel = "C0PINNED";

    private const string Papers = """
        flash:
          title: "FlashAttention"
          url: "https://example.org/flash"
        orca:
          title: "Orca"
          url: "https://example.org/orca"
        vllm:
          title: "vLLM"
          url: "https://example.org/vllm"
        """;

    private const string Topics = """
        #### Attention
        {% include paper_item.html key="flash" required=true %}
        #### Batching
        {% include paper_item.html key="orca" %}
        #### Paging
        {% include paper_item.html key="vllm" %}
        """;

    // Wednesday of week 2 of a term from Mon Sep 22 to Fri Oct 17, 2025.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 10, 1, 15, 0, 0, TimeSpan.Zero));
    private readonly CapturedLog _log = new();
    private readonly LoggerFactory _logs;
    private FakeSlack _slack = null!;

    public PinnedScheduleTests() => _logs = new LoggerFactory([_log]);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _slack = await FakeSlack.StartAsync();
    }

    public override async Task DisposeAsync()
    {
        await _slack.DisposeAsync();
        _logs.Dispose();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task The_schedule_is_posted_once_per_channel_and_pinned_once_on_both_platforms()
    {
        var node = await NodeAsync("node-a", Course(Topics));

        var retry = await node.Round.RunAsync("cs395t", CancellationToken.None);
        var again = await node.Round.RunAsync("cs395t", CancellationToken.None);

        Assert.False(retry || again);
        var discord = Assert.Single(Api.Channels[DiscordChannel]);
        var text = discord.Body.GetRawText();
        Assert.Contains("Schedule", text);
        Assert.Contains("Week 1", text);
        Assert.Contains("Attention", text);
        Assert.Contains("Batching", text);
        Assert.Contains("Paging", text);
        Assert.Contains("Kept current", text);
        Assert.Equal([discord.Id], Api.PinnedIn(DiscordChannel));
        var pin = Assert.Single(Api.To(FakeDiscordApi.PinTemplate));
        Assert.Equal("PUT", pin.Method);
        Assert.Equal($"/api/v10/channels/{DiscordChannel}/messages/pins/{discord.Id}", pin.Path);

        var slack = Assert.Single(_slack.MessagesIn(SlackChannel));
        Assert.Contains("Paging", slack.ToJsonString());
        var ts = slack["ts"]!.GetValue<string>();
        Assert.Equal([ts], _slack.PinnedIn(SlackChannel));
        var slackPin = Assert.Single(_slack.To("pins.add"));
        Assert.Equal(SlackChannel, slackPin.Body["channel"]!.GetValue<string>());
        Assert.Equal(ts, slackPin.Body["timestamp"]!.GetValue<string>());

        Assert.True(Api.Violations.IsEmpty, string.Join("\n", Api.Violations));
        Assert.True(_slack.Violations.IsEmpty, string.Join("\n", _slack.Violations));
    }

    [Fact]
    public async Task An_edit_of_the_course_edits_the_pinned_schedule_in_place_and_an_edit_it_does_not_show_edits_nothing()
    {
        var node = await NodeAsync("node-a", Course(Topics));
        await node.Round.RunAsync("cs395t", CancellationToken.None);
        var discordId = Api.Channels[DiscordChannel][0].Id;
        var ts = _slack.MessagesIn(SlackChannel)[0]["ts"]!.GetValue<string>();

        // A paper turning required is not on the schedule (weeks, dates, topics): nothing to edit.
        await node.Publish(Course(Topics.Replace("key=\"orca\" %}", "key=\"orca\" required=true %}", StringComparison.Ordinal)));
        Assert.Empty(Api.Edits);
        Assert.Empty(_slack.To("chat.update"));

        _clock.Advance(TimeSpan.FromDays(2));
        var retry = await node.Publish(Course(Topics.Replace("#### Batching", "#### Continuous Batching", StringComparison.Ordinal)));

        Assert.False(retry);
        var edit = Assert.Single(Api.Edits);
        Assert.Equal(discordId, edit.MessageId);
        Assert.Contains("Continuous Batching", edit.Body.GetRawText());
        var update = Assert.Single(_slack.To("chat.update"));
        Assert.Equal(ts, update.Body["ts"]!.GetValue<string>());
        Assert.Contains("Continuous Batching", update.Body.ToJsonString());
        Assert.Single(Api.Channels[DiscordChannel]);
        Assert.Single(_slack.MessagesIn(SlackChannel));
        Assert.Single(Api.To(FakeDiscordApi.PinTemplate));
        Assert.Single(_slack.To("pins.add"));
        Assert.True(Api.Violations.IsEmpty, string.Join("\n", Api.Violations));
        Assert.True(_slack.Violations.IsEmpty, string.Join("\n", _slack.Violations));
    }

    [Fact]
    public async Task Two_nodes_on_one_ledger_and_a_restart_post_and_pin_each_schedule_once()
    {
        var course = Course(Topics);
        var a = await NodeAsync("node-a", course);
        var b = await NodeAsync("node-b", course);

        var rounds = await Task.WhenAll(a.Round.RunAsync("cs395t", CancellationToken.None), b.Round.RunAsync("cs395t", CancellationToken.None));
        // A node that found the other mid-way asks for another round, as its job would.
        foreach (var (node, retry) in new[] { (a, rounds[0]), (b, rounds[1]) })
        {
            if (retry)
            {
                await node.Round.RunAsync("cs395t", CancellationToken.None);
            }
        }

        var restarted = await NodeAsync("node-a-restarted", course);
        Assert.False(await restarted.Round.RunAsync("cs395t", CancellationToken.None));

        var discord = Assert.Single(Api.Channels[DiscordChannel]);
        Assert.Equal([discord.Id], Api.PinnedIn(DiscordChannel));
        Assert.Single(Api.To(FakeDiscordApi.PinTemplate));
        Assert.Single(Api.To("/channels/{channel_id}/messages"), r => r.Method == "POST");
        var slack = Assert.Single(_slack.MessagesIn(SlackChannel));
        Assert.Equal([slack["ts"]!.GetValue<string>()], _slack.PinnedIn(SlackChannel));
        Assert.Single(_slack.To("pins.add"));
        Assert.Single(_slack.To("chat.postMessage"));
    }

    [Fact]
    public async Task A_schedule_staff_deleted_is_not_posted_again_by_an_edit()
    {
        var node = await NodeAsync("node-a", Course(Topics));
        await node.Round.RunAsync("cs395t", CancellationToken.None);
        Assert.True(Api.DeleteMessage(DiscordChannel, Api.Channels[DiscordChannel][0].Id));
        Assert.True(_slack.DeleteMessage(SlackChannel, _slack.MessagesIn(SlackChannel)[0]["ts"]!.GetValue<string>()));

        var retry = await node.Publish(Course(Topics.Replace("#### Paging", "#### Paged Attention", StringComparison.Ordinal)));
        var later = await node.Publish(Course(Topics.Replace("#### Paging", "#### PagedAttention", StringComparison.Ordinal)));

        Assert.False(retry || later);
        Assert.Empty(Api.Channels[DiscordChannel]);
        Assert.Empty(_slack.MessagesIn(SlackChannel));
        Assert.Single(Api.To("/channels/{channel_id}/messages"), r => r.Method == "POST");
        Assert.Single(_slack.To("chat.postMessage"));
        Assert.Single(Api.To(FakeDiscordApi.PinTemplate));
        Assert.Single(_slack.To("pins.add"));
        var record = await node.Ledger.FindAsync(PinnedSchedule.Key("cs395t", new PostTarget("discord", DiscordChannel)), CancellationToken.None);
        Assert.NotNull(record?.GoneAt);
    }

    [Fact]
    public async Task A_refused_pin_is_logged_and_shown_in_readiness_with_what_to_do_and_pinned_once_allowed()
    {
        Api.ChannelsWithoutPinMessages.Add(DiscordChannel);
        _slack.PinErrors[SlackChannel] = "missing_scope";
        var node = await NodeAsync("node-a", Course(Topics));

        var retry = await node.Round.RunAsync("cs395t", CancellationToken.None);

        Assert.False(retry); // refused for good: not retried on a timer, tried at the next round
        Assert.Single(Api.Channels[DiscordChannel]);
        Assert.Single(_slack.MessagesIn(SlackChannel));
        Assert.Empty(Api.PinnedIn(DiscordChannel));
        Assert.Empty(_slack.PinnedIn(SlackChannel));
        var readiness = await ReadinessAsync(node.Status);
        var refused = readiness.GetProperty("pinRefused");
        Assert.Contains("Pin Messages", refused.GetProperty($"discord:{DiscordChannel}").GetString());
        Assert.Contains("pins:write", refused.GetProperty($"slack:{SlackChannel}").GetString());
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains(DiscordChannel, StringComparison.Ordinal) && e.Message.Contains("Pin Messages", StringComparison.Ordinal));
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains(SlackChannel, StringComparison.Ordinal) && e.Message.Contains("pins:write", StringComparison.Ordinal));

        Api.ChannelsWithoutPinMessages.Remove(DiscordChannel);
        _slack.PinErrors.Clear();
        var restarted = await NodeAsync("node-a-restarted", Course(Topics));
        await restarted.Round.RunAsync("cs395t", CancellationToken.None);
        await restarted.Round.RunAsync("cs395t", CancellationToken.None);

        Assert.Equal([Api.Channels[DiscordChannel][0].Id], Api.PinnedIn(DiscordChannel));
        Assert.Equal([_slack.MessagesIn(SlackChannel)[0]["ts"]!.GetValue<string>()], _slack.PinnedIn(SlackChannel));
        Assert.Equal(2, Api.To(FakeDiscordApi.PinTemplate).Count());
        Assert.Equal(2, _slack.To("pins.add").Count());
        Assert.Empty((await ReadinessAsync(restarted.Status)).GetProperty("pinRefused").EnumerateObject());
        Assert.Single(Api.Channels[DiscordChannel]);
    }

    [Fact]
    public async Task Without_pinSchedule_or_after_the_term_nothing_is_posted_or_pinned()
    {
        var off = await NodeAsync("node-a", Course(Topics, pinSchedule: false));
        Assert.False(await off.Round.RunAsync("cs395t", CancellationToken.None));
        _clock.SetUtcNow(new DateTimeOffset(2025, 10, 20, 15, 0, 0, TimeSpan.Zero)); // the Monday after the last day
        var over = await NodeAsync("node-b", Course(Topics));
        Assert.False(await over.Round.RunAsync("cs395t", CancellationToken.None));

        Assert.Empty(Api.Channels.GetValueOrDefault(DiscordChannel) ?? []);
        Assert.Empty(_slack.MessagesIn(SlackChannel));
        Assert.Empty(Api.To(FakeDiscordApi.PinTemplate));
        Assert.Empty(_slack.To("pins.add"));
    }

    private static async Task<JsonElement> ReadinessAsync(PinnedScheduleStatus status)
    {
        using var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer))
        {
            await new PinnedScheduleReadiness(status).WriteAsync(json, CancellationToken.None);
        }

        return JsonDocument.Parse(Encoding.UTF8.GetString(buffer.ToArray())).RootElement.Clone();
    }

    private static CourseSnapshot Course(string topics, bool pinSchedule = true)
    {
        var list = ReadingListLoader.FromText("## Part 1 - Systems\n" + topics, "reading_list.md", Papers, "papers.yaml");
        Assert.False(list.HasErrors);
        var definition = new CourseDefinition
        {
            Id = "cs395t",
            Name = "CS 395T",
            TimeZone = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago"),
            FirstMonday = new DateOnly(2025, 9, 22),
            LastDay = new DateOnly(2025, 10, 17),
            Meetings = [new MeetingPattern(DayOfWeek.Thursday, new TimeOnly(12, 30), new TimeOnly(14, 0))],
            ReadingList = "reading_list.md",
            Papers = "papers.yaml",
            Channels = new CourseChannels([DiscordChannel], [SlackChannel]) { PinSchedule = pinSchedule },
            SourcePath = "cs395t.yaml",
        };
        return CourseSnapshot.Create(definition, list);
    }

    /// <summary>One bot process on the shared ledger file: both platforms, their pins, and the edit round.</summary>
    private async Task<Node> NodeAsync(string name, CourseSnapshot course)
    {
        var ledger = new SqlitePostingLedger($"Data Source={Path.Combine(Data.Path, "ledger.db")}", _clock, new PostingLedgerOptions());
        await ledger.EnsureSchemaAsync(CancellationToken.None);
        var discordRest = RestClients.DiscordClient(Api.ApiBaseUrl, TimeProvider.System);
        var slackApi = RestClients.Slack(_slack.ApiBaseUrl, TimeProvider.System);
        IPostDelivery<Reply>[] deliveries =
        [
            new DiscordPostDelivery(discordRest, NullLogger<DiscordPostDelivery>.Instance),
            new SlackPostDelivery(slackApi, TimeProvider.System, NullLogger<SlackPostDelivery>.Instance),
        ];
        var status = new PinnedScheduleStatus();
        IPostDelivery<PinnedSchedulePin>[] pinDeliveries =
        [
            new DiscordSchedulePin(discordRest, status, _logs.CreateLogger<DiscordSchedulePin>()),
            new SlackSchedulePin(slackApi, status, _logs.CreateLogger<SlackSchedulePin>()),
        ];
        var catalog = new CourseCatalog();
        catalog.Publish(new CourseStatus(course, "v1", _clock.GetUtcNow(), null));
        var sender = new PostSender<Reply>(ledger, deliveries, name, NullLogger<PostSender<Reply>>.Instance);
        var editor = new PostEditor<Reply>(ledger, sender, deliveries, name, NullLogger<PostEditor<Reply>>.Instance);
        var pins = new PostSender<PinnedSchedulePin>(ledger, pinDeliveries, name, NullLogger<PostSender<PinnedSchedulePin>>.Instance);
        var targets = new PostTargets(deliveries);
        var schedule = new PinnedSchedule(targets, editor, ledger, pins, pinDeliveries, _clock, NullLogger<PinnedSchedule>.Instance);
        var round = new EditRound(catalog, targets, editor, _clock, NullLogger<EditRound>.Instance, schedule);
        return new Node(catalog, round, ledger, status);
    }

    private sealed record Node(CourseCatalog Catalog, EditRound Round, IPostingLedger Ledger, PinnedScheduleStatus Status)
    {
        /// <summary>Serves a new version as a refresh does, then runs the round its job would run; true when something is left for later.</summary>
        public Task<bool> Publish(CourseSnapshot course)
        {
            Catalog.Publish(new CourseStatus(course, course.GetHashCode().ToString(System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UnixEpoch, null));
            return Round.RunAsync(course.Course.Id, CancellationToken.None);
        }
    }
}
