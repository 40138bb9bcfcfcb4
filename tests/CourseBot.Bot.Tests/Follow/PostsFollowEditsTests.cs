using CourseBot.Bot.Delivery;
using CourseBot.Bot.Discord;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Scheduling;
using CourseBot.Bot.Slack;
using CourseBot.Bot.Storage;
using CourseBot.Bot.Tests.Discord.Fakes;
using CourseBot.Bot.Tests.Http;
using CourseBot.Bot.Tests.Slack;
using CourseBot.Bot.Tests.Testing;
using CourseBot.Core;
using CourseBot.Core.Calendar;
using CourseBot.Core.ReadingList;
using CourseBot.Core.Replies;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Follow;

/// <summary>
/// Sent announcements follow an edit of the reading list on FakeDiscord and FakeSlack: the current and future
/// weeks' messages edited in place once, past weeks left alone, one debounced "what changed" notice.
/// </summary>
public sealed class PostsFollowEditsTests : WithFakeDiscord
{
    private const string DiscordChannel = "1200000000000000002";
    private const string SecondDiscordChannel = "1200000000000000003";
    private const string SlackChannel = "C0FOLLOW";

    private const string Papers = """
        flash:
          title: "FlashAttention"
          url: "https://example.org/flash"
        orca:
          title: "Orca"
          url: "https://example.org/orca"
        moe-lightning:
          title: "MoE-Lightning"
          url: "https://example.org/moe-lightning"
        pregated:
          title: "Pre-gated MoE"
          url: "https://example.org/pregated"
        vllm:
          title: "vLLM"
          url: "https://example.org/vllm"
        """;

    private const string Before = """
        #### Attention
        {% include paper_item.html key="flash" required=true %}
        #### Batching
        {% include paper_item.html key="orca" %}
        #### Serving MoE
        {% include paper_item.html key="moe-lightning" %}
        #### Paging
        {% include paper_item.html key="vllm" %}
        """;

    // Week 2 (past) and week 3 (current) change; week 4 (future, not announced yet) too.
    private const string After = """
        #### Attention
        {% include paper_item.html key="flash" required=true %}
        #### Batching
        {% include paper_item.html key="orca" required=true %}
        #### Serving MoE
        {% include paper_item.html key="moe-lightning" required="Serving" %}
        {% include paper_item.html key="pregated" %}
        #### Paging
        {% include paper_item.html key="vllm" required=true %}
        """;

    private const string Expected =
        "Week 2: *Orca* is now required\nWeek 3: *MoE-Lightning* is now required (focus: Serving) · *Pre-gated MoE* added\nWeek 4: *vLLM* is now required";

    // Unlike the defaults, the notice delay and the retry delay differ, so a test can tell their timers apart.
    private static readonly PostingOptions Posting = new() { ChangeNoticeDelay = TimeSpan.FromMinutes(2), RetryDelay = TimeSpan.FromMinutes(5) };

    private readonly TimerSignals _clock = new(new DateTimeOffset(2025, 9, 22, 12, 0, 0, TimeSpan.Zero));
    private FakeSlack _slack = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _slack = await FakeSlack.StartAsync();
    }

    public override async Task DisposeAsync()
    {
        await _slack.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task An_edit_of_the_reading_list_edits_the_current_weeks_announcement_on_both_platforms_leaves_past_weeks_and_posts_one_notice()
    {
        var node = await NodeAsync("node-a", Course(Before));
        await AnnounceWeeksOneToThreeAsync(node);
        _clock.SetUtcNow(new DateTimeOffset(2025, 10, 8, 15, 0, 0, TimeSpan.Zero)); // Wednesday of week 3
        var week3Discord = Api.Channels[DiscordChannel][2].Id;
        var week3Slack = _slack.MessagesIn(SlackChannel)[2]["ts"]!.GetValue<string>();

        var retry = await node.Publish(Course(After));
        var again = await node.Round.RunAsync("cs395t", CancellationToken.None);
        var notice = await node.NoticeAfterDelayAsync(_clock);

        Assert.False(retry || again);
        var edit = Assert.Single(Api.Edits, e => e.Channel == DiscordChannel);
        Assert.Equal(week3Discord, edit.MessageId);
        Assert.Contains("MoE-Lightning", edit.Body.GetRawText());
        Assert.Contains("Pre-gated MoE", edit.Body.GetRawText());
        var update = Assert.Single(_slack.To("chat.update"));
        Assert.Equal(week3Slack, update.Body["ts"]!.GetValue<string>());
        Assert.Contains("Pre-gated MoE", update.Body.ToJsonString());

        Assert.Equal(
            "Week 2: *Orca* is now required\nWeek 3: *MoE-Lightning* is now required (focus: Serving) · *Pre-gated MoE* added\nWeek 4: *vLLM* is now required",
            notice.ToString());
        var discordNotice = Api.Channels[DiscordChannel][3];
        Assert.Contains("What changed", discordNotice.Body.GetRawText());
        Assert.Contains("now required (focus: Serving)", discordNotice.Body.GetRawText());
        Assert.Equal(4, Api.Channels[DiscordChannel].Count); // three announcements and the notice; week 4 waits for its own time
        var slackMessages = _slack.MessagesIn(SlackChannel);
        Assert.Equal(4, slackMessages.Count);
        Assert.Contains("now required (focus: Serving)", slackMessages[3].ToJsonString());
        Assert.True(Api.Violations.IsEmpty, string.Join("\n", Api.Violations));
        Assert.True(_slack.Violations.IsEmpty, string.Join("\n", _slack.Violations));
    }

    [Fact]
    public async Task Two_edits_within_the_delay_give_one_notice_covering_both_and_an_edit_after_it_a_second()
    {
        var node = await NodeAsync("node-a", Course(Before));
        await AnnounceWeeksOneToThreeAsync(node);
        _clock.SetUtcNow(new DateTimeOffset(2025, 10, 8, 15, 0, 0, TimeSpan.Zero));

        await node.Publish(Course(Before.Replace("key=\"orca\" %}", "key=\"orca\" required=true %}", StringComparison.Ordinal)));
        _clock.Advance(TimeSpan.FromMinutes(1));
        await node.Publish(Course(After));
        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(3, Api.Channels[DiscordChannel].Count); // still inside the burst: no notice yet
        var first = await node.NoticeAfterDelayAsync(_clock, TimeSpan.FromSeconds(1));
        await node.Publish(Course(After.Replace("{% include paper_item.html key=\"pregated\" %}\n", "", StringComparison.Ordinal)));
        var second = await node.NoticeAfterDelayAsync(_clock);

        Assert.Equal(
            "Week 2: *Orca* is now required\nWeek 3: *MoE-Lightning* is now required (focus: Serving) · *Pre-gated MoE* added\nWeek 4: *vLLM* is now required",
            first.ToString());
        Assert.Equal("Week 3: *Pre-gated MoE* removed", second.ToString());
        Assert.Equal(5, Api.Channels[DiscordChannel].Count);
        Assert.Equal(5, _slack.MessagesIn(SlackChannel).Count);
        Assert.Contains("Pre-gated MoE", Api.Channels[DiscordChannel][4].Body.GetRawText());
        Assert.Contains("removed", _slack.MessagesIn(SlackChannel)[4].ToJsonString());
    }

    [Fact]
    public async Task An_edit_students_cannot_see_edits_nothing_and_posts_no_notice()
    {
        var node = await NodeAsync("node-a", Course(Before));
        await AnnounceWeeksOneToThreeAsync(node);
        _clock.SetUtcNow(new DateTimeOffset(2025, 10, 8, 15, 0, 0, TimeSpan.Zero));

        await node.Publish(Course("<!-- vllm may move -->\n" + Before));
        var notice = await node.NoticeAfterDelayAsync(_clock);

        Assert.True(notice.IsEmpty);
        Assert.Empty(Api.Edits);
        Assert.Empty(_slack.To("chat.update"));
        Assert.Equal(3, Api.Channels[DiscordChannel].Count);
        Assert.Equal(3, _slack.MessagesIn(SlackChannel).Count);
    }

    [Fact]
    public async Task A_round_cut_short_by_refusals_is_finished_after_a_restart_and_edits_no_message_twice()
    {
        var course = Course(Before, [DiscordChannel, SecondDiscordChannel]);
        var node = await NodeAsync("node-a", course);
        await AnnounceWeeksOneToThreeAsync(node);
        _clock.SetUtcNow(new DateTimeOffset(2025, 10, 8, 15, 0, 0, TimeSpan.Zero));
        var patches = 0;
        Api.Intercept = (request, http) =>
            request.Method == "PATCH" && Interlocked.Increment(ref patches) > 1 ? Api.TooManyRequests(http, 0.05, global: false, bucket: "edits") : null;

        var retry = await node.Publish(Course(After, [DiscordChannel, SecondDiscordChannel]));
        Api.Intercept = null;
        var restarted = await NodeAsync("node-a-restarted", node.Catalog.Find("cs395t")!);
        var retryAfterRestart = await restarted.Round.RunAsync("cs395t", CancellationToken.None);
        var third = await restarted.Round.RunAsync("cs395t", CancellationToken.None);

        Assert.True(retry);
        Assert.False(retryAfterRestart || third);
        Assert.Equal(2, Api.Edits.Count);
        Assert.Equal(2, Api.Edits.Select(e => e.MessageId).Distinct().Count());
        Assert.Equal([DiscordChannel, SecondDiscordChannel], Api.Edits.Select(e => e.Channel).Order().ToArray());
        Assert.Single(_slack.To("chat.update"));
        Assert.Equal(3, Api.Channels[SecondDiscordChannel].Count);
    }

    [Fact]
    public async Task A_restart_in_the_middle_of_the_wait_still_posts_the_notice_once()
    {
        var node = await NodeAsync("node-a", Course(Before));
        await AnnounceWeeksOneToThreeAsync(node);
        _clock.SetUtcNow(new DateTimeOffset(2025, 10, 8, 15, 0, 0, TimeSpan.Zero));
        await node.Publish(Course(After));
        await _clock.WaitForTimerAsync(Posting.ChangeNoticeDelay);
        node.Notices.Dispose(); // stopped one minute into the wait
        _clock.Advance(TimeSpan.FromMinutes(1));

        var restarted = await NodeAsync("node-a-restarted", Course(After));
        await _clock.WaitForTimerAsync(Posting.ChangeNoticeDelay);
        var notice = await restarted.NoticeAfterDelayAsync(_clock);

        Assert.Equal(Expected, notice.ToString());
        Assert.Equal(4, Api.Channels[DiscordChannel].Count);
        Assert.Contains("now required (focus: Serving)", Api.Channels[DiscordChannel][3].Body.GetRawText());
        Assert.Equal(4, _slack.MessagesIn(SlackChannel).Count);
    }

    [Fact]
    public async Task A_bot_started_after_the_files_were_edited_announces_the_change_once_and_a_second_start_does_not()
    {
        var node = await NodeAsync("node-a", Course(Before));
        await AnnounceWeeksOneToThreeAsync(node);
        node.Notices.Dispose();
        _clock.SetUtcNow(new DateTimeOffset(2025, 10, 8, 15, 0, 0, TimeSpan.Zero));

        var started = await NodeAsync("node-a-later", Course(After));
        await _clock.WaitForTimerAsync(Posting.ChangeNoticeDelay);
        var notice = await started.NoticeAfterDelayAsync(_clock);
        started.Notices.Dispose();
        var again = await NodeAsync("node-a-again", Course(After));
        var idle = await again.EndWaitNowAsync();

        Assert.Equal(Expected, notice.ToString());
        Assert.True(idle.IsEmpty);
        Assert.Equal(4, Api.Channels[DiscordChannel].Count);
        Assert.Equal(4, _slack.MessagesIn(SlackChannel).Count);
    }

    [Fact]
    public async Task A_notice_refused_for_now_is_tried_again_after_the_retry_delay_and_posted_once_per_channel()
    {
        var node = await NodeAsync("node-a", Course(Before));
        await AnnounceWeeksOneToThreeAsync(node);
        _clock.SetUtcNow(new DateTimeOffset(2025, 10, 8, 15, 0, 0, TimeSpan.Zero));
        var refusing = true;
        var refused = 0;
        Api.Intercept = (request, http) =>
            Volatile.Read(ref refusing) && request.Method == "POST" && request.Body?.GetRawText().Contains("What changed", StringComparison.Ordinal) == true
                ? Refuse(http)
                : null;

        await node.Publish(Course(After));
        await _clock.WaitForTimerAsync(Posting.ChangeNoticeDelay);
        _clock.Advance(Posting.ChangeNoticeDelay);
        await _clock.WaitForTimerAsync(Posting.RetryDelay);
        Volatile.Write(ref refusing, false);
        var notice = await node.NoticeAfterDelayAsync(_clock, Posting.RetryDelay);

        Assert.True(refused > 0);
        Assert.Equal(Expected, notice.ToString());
        Assert.Equal(4, Api.Channels[DiscordChannel].Count);
        Assert.Contains("What changed", Api.Channels[DiscordChannel][3].Body.GetRawText());
        Assert.Equal(4, _slack.MessagesIn(SlackChannel).Count);

        Microsoft.AspNetCore.Http.IResult Refuse(Microsoft.AspNetCore.Http.HttpContext http)
        {
            Interlocked.Increment(ref refused);
            return FakeDiscordApi.Error(503, 0, "Service Unavailable");
        }
    }

    [Fact]
    public async Task Of_two_nodes_ending_the_same_burst_one_announces_and_a_node_behind_does_not_announce_its_older_version()
    {
        var orcaOnly = Before.Replace("key=\"orca\" %}", "key=\"orca\" required=true %}", StringComparison.Ordinal);
        var a = await NodeAsync("node-a", Course(Before));
        var b = await NodeAsync("node-b", Course(Before));
        await AnnounceWeeksOneToThreeAsync(a);
        _clock.SetUtcNow(new DateTimeOffset(2025, 10, 8, 15, 0, 0, TimeSpan.Zero));

        // A serves the newest version; B read the files half-way through the edit and is one version behind.
        await a.Publish(Course(After));
        await _clock.WaitForTimerAsync(Posting.ChangeNoticeDelay);
        _clock.Advance(TimeSpan.FromMinutes(1));
        await b.Publish(Course(orcaOnly));
        await _clock.WaitForTimerAsync(Posting.ChangeNoticeDelay);
        var announced = await a.NoticeAfterDelayAsync(_clock, TimeSpan.FromMinutes(1));
        _clock.Advance(TimeSpan.FromMinutes(1));
        await _clock.WaitForTimerAsync(Posting.ChangeNoticeDelay); // B's wait ended, found A's move, and waits again
        await b.Publish(Course(After)); // B catches up
        var nothing = await b.NoticeAfterDelayAsync(_clock);

        Assert.Equal(Expected, announced.ToString());
        Assert.True(nothing.IsEmpty);
        Assert.Equal(4, Api.Channels[DiscordChannel].Count);
        Assert.Equal(4, _slack.MessagesIn(SlackChannel).Count);
    }

    /// <summary>Sends the announcements of weeks 1 to 3 at their times, through <see cref="PostRunner"/> as the jobs do.</summary>
    private async Task AnnounceWeeksOneToThreeAsync(Node node)
    {
        foreach (var post in PostPlanner.Plan(node.Catalog.Find("cs395t")!).Where(p => p.Kind == PostKinds.Announcement).Take(3))
        {
            _clock.SetUtcNow(post.Due);
            Assert.False(await node.Runner.RunAsync(post.CourseId, post.Kind, post.Slot, CancellationToken.None));
        }
    }

    private static CourseSnapshot Course(string topics, string[]? discordChannels = null)
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
            Channels = new CourseChannels(discordChannels ?? [DiscordChannel], [SlackChannel]),
            SourcePath = "cs395t.yaml",
        };
        return CourseSnapshot.Create(definition, list);
    }

    /// <summary>One bot process on the shared ledger file: both platforms, the runner, the edit round and the notices.</summary>
    private async Task<Node> NodeAsync(string name, CourseSnapshot course)
    {
        var ledger = new SqlitePostingLedger($"Data Source={Path.Combine(Data.Path, "ledger.db")}", _clock, new PostingLedgerOptions());
        await ledger.EnsureSchemaAsync(CancellationToken.None);
        var baselines = new SqliteChangeBaselines($"Data Source={Path.Combine(Data.Path, "ledger.db")}");
        await baselines.EnsureSchemaAsync(CancellationToken.None);
        IPostDelivery<Reply>[] deliveries =
        [
            new DiscordPostDelivery(RestClients.DiscordClient(Api.ApiBaseUrl, TimeProvider.System), NullLogger<DiscordPostDelivery>.Instance),
            new SlackPostDelivery(RestClients.Slack(_slack.ApiBaseUrl, TimeProvider.System), TimeProvider.System, NullLogger<SlackPostDelivery>.Instance),
        ];
        var catalog = new CourseCatalog();
        catalog.Publish(new CourseStatus(course, "v1", _clock.GetUtcNow(), null));
        var sender = new PostSender<Reply>(ledger, deliveries, name, NullLogger<PostSender<Reply>>.Instance);
        var editor = new PostEditor<Reply>(ledger, sender, deliveries, name, NullLogger<PostEditor<Reply>>.Instance);
        var targets = new PostTargets(deliveries);
        var options = Options.Create(Posting);
        var runner = new PostRunner(catalog, targets, sender, ledger, options, _clock, NullLogger<PostRunner>.Instance);
        var round = new EditRound(catalog, targets, editor, _clock, NullLogger<EditRound>.Instance);
        var notices = new ChangeNotices(targets, sender, baselines, options, _clock, NullLogger<ChangeNotices>.Instance);
        notices.Observe(course);
        return new Node(catalog, runner, round, notices);
    }

    private sealed record Node(CourseCatalog Catalog, PostRunner Runner, EditRound Round, ChangeNotices Notices)
    {
        /// <summary>Serves a new version as a refresh does, then runs the round its job would run; true when some edit is left for later.</summary>
        public Task<bool> Publish(CourseSnapshot course)
        {
            Catalog.Publish(new CourseStatus(course, course.GetHashCode().ToString(System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UnixEpoch, null));
            Notices.Observe(course);
            return Round.RunAsync(course.Course.Id, CancellationToken.None);
        }

        /// <summary>Ends the wait now (there may be none), as its timer would, and returns what was announced.</summary>
        public async Task<CourseChanges> EndWaitNowAsync()
        {
            var finished = new TaskCompletionSource<CourseChanges>(TaskCreationOptions.RunContinuationsAsynchronously);
            void OnFinished(string courseId, CourseChanges changes) => finished.TrySetResult(changes);
            Notices.Finished += OnFinished;
            try
            {
                await Notices.PostAsync("cs395t");
                return await finished.Task.WaitAsync(TimeSpan.FromSeconds(20));
            }
            finally
            {
                Notices.Finished -= OnFinished;
            }
        }

        /// <summary>Moves the clock to the end of the notice delay (or by <paramref name="rest"/>) and waits for the notice round it starts.</summary>
        public async Task<CourseChanges> NoticeAfterDelayAsync(FakeTimeProvider clock, TimeSpan? rest = null)
        {
            var finished = new TaskCompletionSource<CourseChanges>(TaskCreationOptions.RunContinuationsAsynchronously);
            void OnFinished(string courseId, CourseChanges changes) => finished.TrySetResult(changes);
            Notices.Finished += OnFinished;
            try
            {
                clock.Advance(rest ?? Posting.ChangeNoticeDelay);
                return await finished.Task.WaitAsync(TimeSpan.FromSeconds(20));
            }
            finally
            {
                Notices.Finished -= OnFinished;
            }
        }
    }
}
