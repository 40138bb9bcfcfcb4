using System.Text;
using System.Text.Json;
using CourseBot.Bot.Scheduling;
using CourseBot.Bot.Storage;
using CourseBot.Bot.Tests.Running;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Scheduling;

/// <summary>The SQLite file deleted or replaced under a running bot: it notices, stops posting and stops being ready.</summary>
public sealed class SqliteStoreGoneTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("deleted")]
    [InlineData("replaced")]
    public async Task A_store_file_deleted_or_replaced_while_running_stops_posting_and_readiness_with_a_clear_log_line(string fault)
    {
        var course = PostingBot.Course();
        var plan = PostPlanner.Plan(course);
        var week3 = plan.First(p => p.Slot == "2025-09-08" && p.Kind == PostKinds.Announcement);
        var next = plan.First(p => p.Due > week3.Due);
        var clock = new FakeTimeProvider(week3.Due);
        var platform = new RecordingDelivery(clock);
        var log = new CapturedLog();
        var file = Path.Combine(_folder.Path, "data", StorageOptions.SqliteFileName);
        using var host = PostingHost.Build(
            new() { ["Storage:Provider"] = "sqlite", ["Storage:DataDirectory"] = Path.GetDirectoryName(file) },
            clock, platform, course, new PostingOptions(), "node-a", log);
        // Not started: the test fires the posts itself (as Quartz would) on the fake clock.
        await host.Services.GetRequiredService<StorageSchema>().EnsureCreatedAsync(CancellationToken.None);
        // A running bot has had its scheduler since it started: without this, whichever call first asks for
        // it after the fault (readiness, by chance) creates it on the empty store and fails on the schema.
        await host.SchedulerAsync();
        var runner = host.Services.GetRequiredService<PostRunner>();
        var readiness = host.Services.GetRequiredService<SchedulerReadiness>();
        await runner.RunAsync(course.Course.Id, week3.Kind, week3.Slot, CancellationToken.None);
        Assert.Single(platform.Posts);

        if (fault == "replaced")
        {
            // A copy put in its place (as a restore would): same content, another file.
            File.Copy(file, file + ".copy");
            File.Move(file + ".copy", file, overwrite: true);
        }
        else
        {
            File.Delete(file);
        }

        clock.SetUtcNow(next.Due);
        await Assert.ThrowsAsync<StoreGoneException>(() => runner.RunAsync(course.Course.Id, next.Kind, next.Slot, CancellationToken.None));
        await host.Services.GetRequiredService<PostReconciler>().ReconcileAsync(CancellationToken.None);
        var (ready, report) = await ReadinessAsync(readiness);

        Assert.Single(platform.Posts);
        Assert.False(ready);
        Assert.Contains($"the SQLite file {file} was deleted or replaced", report.GetProperty("store").GetString());
        var line = Assert.Single(log.Entries, e => e.Level == LogLevel.Critical);
        Assert.Contains($"Posting stopped: the SQLite file {file} was deleted or replaced while the bot was running", line.Message);
    }

    [Fact]
    public async Task An_untouched_store_stays_ready()
    {
        var course = PostingBot.Course();
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 8, 1, 0, 0, 0, TimeSpan.Zero));
        using var host = PostingHost.Build(
            new() { ["Storage:Provider"] = "sqlite", ["Storage:DataDirectory"] = Path.Combine(_folder.Path, "data") },
            clock, new RecordingDelivery(clock), course, new PostingOptions(), "node-a");
        await host.StartAsync();
        await host.WaitUntilSchedulingAsync();
        await host.Services.GetRequiredService<PostReconciler>().ReconcileAsync(CancellationToken.None);

        var (ready, report) = await ReadinessAsync(host.Services.GetRequiredService<SchedulerReadiness>());
        await host.StopAsync();

        Assert.Equal("ok", report.GetProperty("store").GetString());
        Assert.Equal(0, report.GetProperty("owedPosts").GetInt32());
        Assert.True(ready, report.ToString());
    }

    private static async Task<(bool Ready, JsonElement Report)> ReadinessAsync(SchedulerReadiness readiness)
    {
        using var buffer = new MemoryStream();
        bool ready;
        await using (var json = new Utf8JsonWriter(buffer))
        {
            ready = await readiness.WriteAsync(json, CancellationToken.None);
        }

        using var document = JsonDocument.Parse(Encoding.UTF8.GetString(buffer.ToArray()));
        return (ready, document.RootElement.Clone());
    }
}
