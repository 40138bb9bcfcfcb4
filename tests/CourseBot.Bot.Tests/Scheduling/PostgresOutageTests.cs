using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using CourseBot.Bot.Delivery;
using CourseBot.Bot.Scheduling;
using CourseBot.Bot.Storage;
using CourseBot.Bot.Tests.Running;
using CourseBot.Bot.Tests.Testing;
using CourseBot.Core.Replies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace CourseBot.Bot.Tests.Scheduling;

/// <summary>
/// Two copies of the bot on PostgreSQL, a burst of due posts, and the database going away mid-burst and
/// coming back: every post goes out once, without a restart. Quartz and the server run in real time; the
/// bots' clock is fake (the term is in the past, every post is due and within the grace period) and is
/// moved on by the test so reconciliation runs every few real milliseconds.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Postgres)]
[Collection(PostgresCollection.Name)]
public sealed class PostgresOutageTests(PostgresServer server, ITestOutputHelper output)
{
    // Bounds for waits on signals; only reached when something is wrong.
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Two_bots_send_every_post_once_when_postgres_stops_mid_burst_and_comes_back()
    {
        Assert.True(server.CanStop, "this test stops its own throwaway PostgreSQL; unset " + PostgresServer.EnvironmentVariable);
        var connectionString = new NpgsqlConnectionStringBuilder(await server.CreateDatabaseAsync()) { Timeout = 3 }.ConnectionString;
        var course = PostingBot.Course();
        var due = PostPlanner.Plan(course);
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 12, 6, 0, 0, 0, TimeSpan.Zero));
        var posting = new PostingOptions
        {
            GracePeriod = TimeSpan.FromDays(150),
            RetryDelay = TimeSpan.FromSeconds(5),
            ReconcileInterval = TimeSpan.FromSeconds(1),
        };
        // The first posts go straight out; then posts wait at the platform until the database is down, so
        // they are accepted while the bots cannot record them.
        var platform = new GatedPlatform(openFor: 5);
        var storage = new Dictionary<string, string?> { ["Storage:Provider"] = "postgres", ["Storage:ConnectionString"] = connectionString };
        using var first = PostingHost.Build(storage, clock, platform, course, posting, "node-a");
        using var second = PostingHost.Build(storage, clock, platform, course, posting, "node-b");
        using var ticking = new CancellationTokenSource();
        var ticker = TickAsync(clock, ticking.Token);
        var hosts = new[] { first, second };

        await first.StartAsync().WaitAsync(Limit);
        await second.StartAsync().WaitAsync(Limit);
        await platform.Waiting.Task.WaitAsync(Limit);
        await server.StopAsync().WaitAsync(Limit);
        var outage = DateTime.UtcNow;
        platform.Open();
        await WaitUntilAsync(() => hosts.All(h => h.Services.GetRequiredService<StoreHealth>().Current.Unreachable is not null), "both bots see the outage");
        var readyDuringOutage = await Task.WhenAll(hosts.Select(ReadyAsync));
        await Task.Delay(TimeSpan.FromSeconds(3)); // the outage lasts a few seconds of real time
        await server.StartAsync().WaitAsync(Limit);
        var outageSeconds = (DateTime.UtcNow - outage).TotalSeconds;

        // Report the figures even when posts are missing, so a failure says how many.
        var allSent = await TryWaitUntilAsync(() => Task.FromResult(platform.Distinct >= due.Count));
        output.WriteLine($"posts due: {due.Count}; PostgreSQL down {outageSeconds:F1} s; sent {platform.Distinct}, " +
            $"duplicated {platform.Total - platform.Distinct}, lost {due.Count - platform.Distinct}; " +
            $"accepted by the platform while the database was down: {platform.AcceptedWhileGated}");
        Assert.True(allSent, $"{due.Count - platform.Distinct} posts were lost");
        await WaitUntilAsync(async () => (await LedgerStatesAsync(connectionString)).All(s => s == "sent"), "the ledger records every post as sent");
        await WaitUntilAsync(async () => (await Task.WhenAll(hosts.Select(ReadyAsync))).All(r => r), "both bots are ready again");
        ticking.Cancel();
        await ticker;
        // Bounded, so a bot that does not stop fails the test with this line instead of hanging the run.
        await first.StopAsync().WaitAsync(Limit);
        await second.StopAsync().WaitAsync(Limit);

        Assert.Equal(0, platform.Total - platform.Distinct); // duplicated
        Assert.Equal(due.Count, platform.Distinct); // none lost
        Assert.All(readyDuringOutage, ready => Assert.False(ready));
        Assert.True(platform.AcceptedWhileGated > 0, "some posts must reach the platform while the database is down");
        Assert.Equal(due.Count, (await LedgerStatesAsync(connectionString)).Count);
    }

    private static async Task TickAsync(FakeTimeProvider clock, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None);
        }
    }

    private static async Task<bool> ReadyAsync(IHost host)
    {
        using var buffer = new MemoryStream();
        await using var json = new Utf8JsonWriter(buffer);
        return await host.Services.GetRequiredService<SchedulerReadiness>().WriteAsync(json, CancellationToken.None);
    }

    private static async Task<List<string>> LedgerStatesAsync(string connectionString)
    {
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            await using var command = dataSource.CreateCommand("SELECT state FROM coursebot_posts");
            await using var reader = await command.ExecuteReaderAsync();
            var states = new List<string>();
            while (await reader.ReadAsync())
            {
                states.Add(reader.GetString(0));
            }

            return states;
        }
        catch (NpgsqlException)
        {
            return ["unreachable"]; // still starting up
        }
    }

    private static Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), what);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        if (!await TryWaitUntilAsync(condition))
        {
            throw new TimeoutException($"waited {Limit.TotalSeconds} s until {what}");
        }
    }

    private static async Task<bool> TryWaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }

        return true;
    }

    /// <summary>
    /// One platform both bots post to, counting every message per post. After <c>openFor</c> posts, further
    /// posts wait until <see cref="Open"/>; <see cref="Waiting"/> completes when some are waiting.
    /// </summary>
    private sealed class GatedPlatform(int openFor) : IPostDelivery<Reply>
    {
        private readonly ConcurrentDictionary<string, int> _counts = new();
        private readonly ConcurrentDictionary<string, string> _ids = new();
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _started;
        private int _total;
        private int _acceptedWhileGated;

        public string Platform => "discord";

        public TaskCompletionSource Waiting { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Total => Volatile.Read(ref _total);

        public int Distinct => _counts.Count;

        public int AcceptedWhileGated => Volatile.Read(ref _acceptedWhileGated);

        public void Open() => _gate.TrySetResult();

        public async Task<DeliveryResult> PostAsync(PostKey key, Reply content, CancellationToken ct)
        {
            var number = Interlocked.Increment(ref _started);
            var gated = number > openFor && !_gate.Task.IsCompleted;
            if (gated)
            {
                if (number >= openFor + 3)
                {
                    Waiting.TrySetResult();
                }

                await _gate.Task.WaitAsync(ct);
                Interlocked.Increment(ref _acceptedWhileGated);
            }

            Interlocked.Increment(ref _total);
            _counts.AddOrUpdate(key.Token, 1, (_, n) => n + 1);
            var id = _ids.GetOrAdd(key.Token, _ => $"m{number}");
            return DeliveryResult.Sent(id);
        }

        public Task<string?> FindExistingAsync(PostKey key, CancellationToken ct) =>
            Task.FromResult(_ids.TryGetValue(key.Token, out var id) ? id : null);
    }
}
