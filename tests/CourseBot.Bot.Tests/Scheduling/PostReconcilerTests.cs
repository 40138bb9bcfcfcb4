using System.Text.Json;
using CourseBot.Bot.Delivery;
using CourseBot.Bot.Scheduling;
using CourseBot.Bot.Storage;
using CourseBot.Bot.Tests.Running;
using CourseBot.Core.Replies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Scheduling;

/// <summary>Reconciliation on a fake clock: a due post whose trigger never ran goes out once; one that cannot go out keeps the bot not ready.</summary>
public sealed class PostReconcilerTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_due_post_whose_trigger_never_ran_is_sent_once_by_reconciliation()
    {
        var course = PostingBot.Course();
        var week3 = PostPlanner.Plan(course).First(p => p.Slot == "2025-09-08" && p.Kind == PostKinds.Announcement);
        var clock = new FakeTimeProvider(week3.Due + TimeSpan.FromMinutes(5));
        var platform = new RecordingDelivery(clock);
        using var host = Build(clock, platform, course);
        var reconciler = host.Services.GetRequiredService<PostReconciler>();

        await reconciler.ReconcileAsync(CancellationToken.None);
        await reconciler.ReconcileAsync(CancellationToken.None);

        var post = Assert.Single(platform.Posts);
        Assert.Equal(new PostKey("cs395t", "2025-09-08", PostKinds.Announcement, "discord", "general"), post.Key);
        Assert.Equal(0, host.Services.GetRequiredService<StoreHealth>().Current.OwedPosts);
    }

    [Fact]
    public async Task A_due_post_the_platform_keeps_refusing_for_now_makes_the_bot_not_ready_until_it_goes_out()
    {
        var course = PostingBot.Course();
        var week3 = PostPlanner.Plan(course).First(p => p.Slot == "2025-09-08" && p.Kind == PostKinds.Announcement);
        var clock = new FakeTimeProvider(week3.Due + TimeSpan.FromMinutes(5));
        var platform = new RefusingPlatform();
        using var host = Build(clock, platform, course);
        var reconciler = host.Services.GetRequiredService<PostReconciler>();
        var readiness = host.Services.GetRequiredService<SchedulerReadiness>();

        await reconciler.ReconcileAsync(CancellationToken.None);
        var (readyWhileRefused, owedWhileRefused) = await ReadinessAsync(readiness);
        platform.Refusing = false;
        clock.Advance(TimeSpan.FromMinutes(1));
        await reconciler.ReconcileAsync(CancellationToken.None);
        var (readyAfter, owedAfter) = await ReadinessAsync(readiness);

        Assert.Equal(1, owedWhileRefused);
        Assert.False(readyWhileRefused);
        Assert.Equal(0, owedAfter);
        Assert.Equal(1, platform.Sent);
        // The scheduler was never started here, so readiness stays false for that reason alone.
        Assert.False(readyAfter);
    }

    private Microsoft.Extensions.Hosting.IHost Build(FakeTimeProvider clock, IPostDelivery<Reply> platform, CourseBot.Core.CourseSnapshot course)
    {
        var host = PostingHost.Build(
            new() { ["Storage:Provider"] = "sqlite", ["Storage:DataDirectory"] = Path.Combine(_folder.Path, "data") },
            clock, platform, course, new PostingOptions(), "node-a");
        host.Services.GetRequiredService<StorageSchema>().EnsureCreatedAsync(CancellationToken.None).GetAwaiter().GetResult();
        return host;
    }

    private static async Task<(bool Ready, int Owed)> ReadinessAsync(SchedulerReadiness readiness)
    {
        using var buffer = new MemoryStream();
        bool ready;
        await using (var json = new Utf8JsonWriter(buffer))
        {
            ready = await readiness.WriteAsync(json, CancellationToken.None);
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return (ready, document.RootElement.GetProperty("owedPosts").GetInt32());
    }

    private sealed class RefusingPlatform : IPostDelivery<Reply>
    {
        public bool Refusing { get; set; } = true;

        public int Sent { get; private set; }

        public string Platform => "discord";

        public Task<DeliveryResult> PostAsync(PostKey key, Reply content, CancellationToken ct)
        {
            if (Refusing)
            {
                return Task.FromResult(DeliveryResult.Failed("rate limited", retryable: true));
            }

            Sent++;
            return Task.FromResult(DeliveryResult.Sent($"m{Sent}"));
        }

        public Task<string?> FindExistingAsync(PostKey key, CancellationToken ct) => Task.FromResult<string?>(null);
    }
}
