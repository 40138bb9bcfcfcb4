using CourseBot.Bot.Hosting;
using CourseBot.Bot.Scheduling;
using CourseBot.Bot.Storage;
using CourseBot.Bot.Tests.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Quartz;

namespace CourseBot.Bot.Tests.Running;

/// <summary>Quartz's stored triggers follow the calendar's plan, through edits (scheduler not started, so nothing fires).</summary>
public sealed class PostScheduleSyncTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 8, 20, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _folder.Dispose();

    private async Task<(IHost Host, PostScheduleSync Sync, IScheduler Scheduler)> StartAsync()
    {
        var host = BotStorageHost.Build(
            new() { ["Storage:Provider"] = "sqlite", ["Storage:DataDirectory"] = _folder.Path },
            services =>
            {
                services.AddSingleton<TimeProvider>(_clock);
                services.AddSingleton<CourseCatalog>();
                services.AddOptions<PostingOptions>();
                services.AddSingleton<PostScheduleSync>();
            });
        await host.Services.GetRequiredService<StorageSchema>().EnsureCreatedAsync(CancellationToken.None);
        var scheduler = await host.SchedulerAsync();
        return (host, host.Services.GetRequiredService<PostScheduleSync>(), scheduler);
    }

    private static async Task<Dictionary<string, DateTimeOffset>> TriggersAsync(IScheduler scheduler)
    {
        var triggers = new Dictionary<string, DateTimeOffset>();
        foreach (var key in await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(SendPostJob.Group)))
        {
            triggers[key.Name] = (await scheduler.GetTrigger(key))!.StartTimeUtc;
        }

        return triggers;
    }

    [Fact]
    public async Task Every_planned_post_gets_a_persistent_trigger_at_its_due_time()
    {
        var (host, sync, scheduler) = await StartAsync();
        using var _ = host;
        var course = PostingBot.Course();

        await sync.SyncAsync(course, CancellationToken.None);

        var plan = PostPlanner.Plan(course);
        var triggers = await TriggersAsync(scheduler);
        Assert.Equal(42, plan.Count);
        Assert.Equal(plan.ToDictionary(p => p.JobName, p => p.Due.ToUniversalTime()), triggers);
    }

    [Fact]
    public async Task An_edit_moves_pending_triggers_and_drops_posts_no_longer_planned()
    {
        var (host, sync, scheduler) = await StartAsync();
        using var _ = host;
        await sync.SyncAsync(PostingBot.Course(), CancellationToken.None);

        // Announcements move to 08:00 and the term now ends before Thanksgiving.
        var edited = PostingBot.Course(d => d with { AnnouncementCron = "0 0 8 ? * MON", LastDay = new DateOnly(2025, 11, 21) });
        await sync.SyncAsync(edited, CancellationToken.None);

        var triggers = await TriggersAsync(scheduler);
        Assert.Equal(new DateTimeOffset(2025, 9, 8, 13, 0, 0, TimeSpan.Zero), triggers["cs395t/announcement/2025-09-08"]);
        Assert.DoesNotContain("cs395t/announcement/2025-12-01", triggers.Keys);
        Assert.Equal(PostPlanner.Plan(edited).Count, triggers.Count);
    }

    [Fact]
    public async Task Posts_more_than_the_grace_period_in_the_past_are_not_scheduled()
    {
        var (host, sync, scheduler) = await StartAsync();
        using var _ = host;
        _clock.SetUtcNow(new DateTimeOffset(2025, 10, 1, 12, 0, 0, TimeSpan.Zero));

        await sync.SyncAsync(PostingBot.Course(), CancellationToken.None);

        var triggers = await TriggersAsync(scheduler);
        Assert.All(triggers.Values, at => Assert.True(at >= _clock.GetUtcNow() - TimeSpan.FromHours(12)));
        Assert.Contains("cs395t/announcement/2025-10-06", triggers.Keys);
        Assert.DoesNotContain("cs395t/announcement/2025-09-29", triggers.Keys);
    }
}
