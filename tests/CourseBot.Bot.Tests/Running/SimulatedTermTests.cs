using CourseBot.Bot.Delivery;
using CourseBot.Bot.Scheduling;
using CourseBot.Bot.Tests.Scheduling;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Running;

public sealed class SimulatedTermTests : IDisposable
{
    private static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
    private readonly TempDirectory _folder = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 8, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => _folder.Dispose();

    private static DateTime Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Chicago).DateTime;

    [Fact]
    public async Task A_whole_term_posts_each_announcement_monday_9am_and_each_reminder_3h_before_its_deadline()
    {
        var course = PostingBot.Course();
        var platform = new RecordingDelivery(_clock);
        var bot = await PostingBot.StartAsync(_folder.Path, _clock, platform, course);

        foreach (var post in PostPlanner.Plan(course))
        {
            _clock.SetUtcNow(post.Due);
            await bot.FireAsync(post);
        }

        var announcements = platform.Posts.Where(p => p.Key.Kind == PostKinds.Announcement).ToArray();
        var reminders = platform.Posts.Where(p => p.Key.Kind == PostKinds.Reminder).ToArray();
        // 14 teaching weeks (Aug 25 … Nov 17, then Dec 1; Thanksgiving week has no post).
        var mondays = Enumerable.Range(0, 13).Select(w => new DateTime(2025, 8, 25).AddDays(7 * w)).Append(new DateTime(2025, 12, 1)).ToArray();
        Assert.Equal(mondays.Select(m => m.AddHours(9)), announcements.Select(p => Local(p.At)));
        // Two classes a week, responses due 18:00 the day before, reminders at 15:00 on Mondays and Wednesdays.
        Assert.Equal(28, reminders.Length);
        Assert.All(reminders, r => Assert.Equal(new TimeSpan(15, 0, 0), Local(r.At).TimeOfDay));
        Assert.All(reminders, r => Assert.Contains(Local(r.At).DayOfWeek, new[] { DayOfWeek.Monday, DayOfWeek.Wednesday }));
        Assert.DoesNotContain(platform.Posts, p => Local(p.At) >= new DateTime(2025, 11, 24) && Local(p.At) < new DateTime(2025, 12, 1));
        Assert.Equal(platform.Posts.Count, platform.Posts.Select(p => p.Key.Token).Distinct().Count());
    }

    [Fact]
    public void Posts_keep_local_time_across_the_daylight_saving_change()
    {
        var course = PostingBot.Course();
        var posts = PostPlanner.Plan(course).Where(p => p.Kind == PostKinds.Announcement).ToDictionary(p => p.Slot);

        // Monday Oct 27 is daylight time (UTC-5), Monday Nov 3 standard time (UTC-6): both 09:00 in Chicago.
        Assert.Equal(new DateTimeOffset(2025, 10, 27, 14, 0, 0, TimeSpan.Zero), posts["2025-10-27"].Due.ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2025, 11, 3, 15, 0, 0, TimeSpan.Zero), posts["2025-11-03"].Due.ToUniversalTime());
        Assert.False(posts.ContainsKey("2025-11-24"));
    }

    [Fact]
    public async Task A_restart_never_posts_again_what_went_out()
    {
        var course = PostingBot.Course();
        var platform = new RecordingDelivery(_clock);
        var first = await PostingBot.StartAsync(_folder.Path, _clock, platform, course);
        var week3 = PostPlanner.Plan(course).First(p => p.Slot == "2025-09-08" && p.Kind == PostKinds.Announcement);
        _clock.SetUtcNow(week3.Due);
        await first.FireAsync(week3);

        // The bot restarts an hour later and Quartz fires the (recovered) trigger again.
        _clock.Advance(TimeSpan.FromHours(1));
        var second = await PostingBot.StartAsync(_folder.Path, _clock, platform, course);
        await second.FireAsync(week3);

        Assert.Single(platform.Posts);
        var record = Assert.Single(await second.Ledger.ListAsync("cs395t", CancellationToken.None));
        Assert.Equal(PostState.Sent, record.State);
        Assert.Equal("m1", record.MessageId);
    }

    [Fact]
    public async Task Down_over_a_post_time_within_the_grace_period_it_goes_out_late_once()
    {
        var course = PostingBot.Course();
        var platform = new RecordingDelivery(_clock);
        var post = PostPlanner.Plan(course).First(p => p.Slot == "2025-09-15" && p.Kind == PostKinds.Announcement);

        _clock.SetUtcNow(post.Due + TimeSpan.FromHours(11));
        var bot = await PostingBot.StartAsync(_folder.Path, _clock, platform, course);
        await bot.FireAsync(post);
        await bot.FireAsync(post);

        var sent = Assert.Single(platform.Posts);
        Assert.Equal(post.Due + TimeSpan.FromHours(11), sent.At);
    }

    [Fact]
    public async Task Down_beyond_the_grace_period_the_post_is_skipped_and_recorded_so()
    {
        var course = PostingBot.Course();
        var platform = new RecordingDelivery(_clock);
        var post = PostPlanner.Plan(course).First(p => p.Slot == "2025-09-15" && p.Kind == PostKinds.Announcement);

        _clock.SetUtcNow(post.Due + TimeSpan.FromHours(13));
        var bot = await PostingBot.StartAsync(_folder.Path, _clock, platform, course);
        await bot.FireAsync(post);

        Assert.Empty(platform.Posts);
        var record = Assert.Single(await bot.Ledger.ListAsync("cs395t", CancellationToken.None));
        Assert.Equal(PostState.Skipped, record.State);
        Assert.Contains("grace period", record.LastError);
    }

    [Fact]
    public async Task Killed_between_sending_and_recording_the_post_is_found_not_sent_again()
    {
        var course = PostingBot.Course();
        var platform = new RecordingDelivery(_clock) { CrashAfterNextPost = true };
        var post = PostPlanner.Plan(course).First(p => p.Slot == "2025-09-22" && p.Kind == PostKinds.Announcement);
        _clock.SetUtcNow(post.Due);
        var dying = await PostingBot.StartAsync(_folder.Path, _clock, platform, course);
        await Assert.ThrowsAsync<HttpRequestException>(() => dying.FireAsync(post));

        // Back up after the claim's lease ran out: the platform is asked before anything is sent.
        _clock.Advance(TimeSpan.FromMinutes(15));
        var restarted = await PostingBot.StartAsync(_folder.Path, _clock, platform, course);
        await restarted.FireAsync(post);

        Assert.Single(platform.Posts);
        var record = Assert.Single(await restarted.Ledger.ListAsync("cs395t", CancellationToken.None));
        Assert.Equal((PostState.Sent, "m1"), (record.State, record.MessageId));
    }

    [Fact]
    public async Task An_edit_that_renumbers_weeks_does_not_resend_a_posted_week()
    {
        var course = PostingBot.Course();
        var platform = new RecordingDelivery(_clock);
        var bot = await PostingBot.StartAsync(_folder.Path, _clock, platform, course);
        var post = PostPlanner.Plan(course).First(p => p.Slot == "2025-09-08" && p.Kind == PostKinds.Announcement);
        _clock.SetUtcNow(post.Due);
        await bot.FireAsync(post);

        // The instructor numbers holiday weeks now and edits the plan: the same Monday is still the same post.
        var edited = PostingBot.Course(d => d with { NumberHolidayWeeks = true });
        bot.Catalog.Publish(new CourseBot.Bot.Hosting.CourseStatus(edited, "v2", _clock.GetUtcNow(), null));
        await bot.FireAsync(PostPlanner.Plan(edited).First(p => p.Slot == "2025-09-08" && p.Kind == PostKinds.Announcement));

        Assert.Single(platform.Posts);
    }

    [Fact]
    public async Task A_moved_announcement_still_goes_out_once_and_an_unplanned_post_not_at_all()
    {
        var course = PostingBot.Course();
        var platform = new RecordingDelivery(_clock);
        var bot = await PostingBot.StartAsync(_folder.Path, _clock, platform, course);
        var post = PostPlanner.Plan(course).First(p => p.Slot == "2025-09-08" && p.Kind == PostKinds.Announcement);

        bot.Catalog.Publish(new CourseBot.Bot.Hosting.CourseStatus(PostingBot.Course(d => d with { AnnouncementCron = "0 0 8 ? * TUE" }), "v2", _clock.GetUtcNow(), null));
        _clock.SetUtcNow(post.Due);
        await bot.FireAsync(post);

        // The announcement moved to Tuesday 08:00; its slot (the week's Monday) is the same, so the post runs.
        var moved = Assert.Single(platform.Posts);
        Assert.Equal(PostKinds.Announcement, moved.Key.Kind);
        var holidayPost = new PlannedPost("cs395t", PostKinds.Holiday, "2025-11-24", post.Due, post.Week, null);
        await bot.FireAsync(holidayPost);
        Assert.Single(platform.Posts);
    }
}
