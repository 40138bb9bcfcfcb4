using CourseBot.Bot.Storage;
using CourseBot.Bot.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Quartz;

namespace CourseBot.Bot.Tests.Scheduling;

/// <summary>Two copies of the bot on one PostgreSQL database: clustered Quartz fires each trigger once.</summary>
[Trait(TestCategory.Name, TestCategory.Postgres)]
[Collection(PostgresCollection.Name)]
public sealed class PostgresQuartzClusterTests(PostgresServer server)
{
    // Real time: two schedulers really compete for the triggers. Generous, only reached on failure.
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Two_clustered_bots_fire_each_one_shot_trigger_exactly_once()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var log = new FiringLog();
        var storage = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:ConnectionString"] = connectionString,
        };
        using var first = BotStorageHost.Build(storage, s => s.AddSingleton(log), "node-a");
        using var second = BotStorageHost.Build(storage, s => s.AddSingleton(log), "node-b");
        await first.StartAsync();
        await second.StartAsync();
        var firstScheduler = await first.SchedulerAsync();
        var secondScheduler = await second.SchedulerAsync();
        Assert.NotEqual(firstScheduler.SchedulerInstanceId, secondScheduler.SchedulerInstanceId);

        const int posts = 12;
        var job = new JobKey("announce", "cs395t");
        await firstScheduler.AddJob(JobBuilder.Create<NoteFiringJob>().WithIdentity(job).StoreDurably().RequestRecovery().Build(), AddJobOptions.Replacing);
        for (var i = 0; i < posts; i++)
        {
            var scheduler = i % 2 == 0 ? firstScheduler : secondScheduler;
            await scheduler.ScheduleJob(TriggerBuilder.Create().WithIdentity($"week-{i}", "cs395t").ForJob(job)
                .StartAt(DateTimeOffset.UtcNow.AddMilliseconds(500)).Build());
        }

        await log.WaitForAsync(posts, Limit);
        await first.StopAsync();
        await second.StopAsync();

        var firings = log.Firings;
        Assert.Equal(posts, firings.Count);
        Assert.Equal(posts, firings.Select(f => f.Trigger).Distinct().Count());
        Assert.Equal(0L, await RemainingTriggersAsync(connectionString));
    }

    [Fact]
    public async Task A_trigger_left_by_a_bot_that_stopped_is_fired_once_by_the_other()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var log = new FiringLog();
        var storage = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:ConnectionString"] = connectionString,
        };
        var job = new JobKey("announce", "cs395t");
        using (var leaving = BotStorageHost.Build(storage, s => s.AddSingleton(log), "node-leaving"))
        {
            await leaving.StartAsync();
            var scheduler = await leaving.SchedulerAsync();
            await scheduler.AddJob(JobBuilder.Create<NoteFiringJob>().WithIdentity(job).StoreDurably().RequestRecovery().Build(), AddJobOptions.Replacing);
            await scheduler.ScheduleJob(TriggerBuilder.Create().WithIdentity("week-1", "cs395t").ForJob(job)
                .StartAt(DateTimeOffset.UtcNow.AddSeconds(3)).Build());
            await leaving.StopAsync();
        }

        using var staying = BotStorageHost.Build(storage, s => s.AddSingleton(log), "node-staying");
        await staying.StartAsync();
        await log.WaitForAsync(1, Limit);
        await staying.StopAsync();

        var firing = Assert.Single(log.Firings);
        Assert.Equal("week-1", firing.Trigger);
        Assert.Equal(0L, await RemainingTriggersAsync(connectionString));
    }

    [Fact]
    public async Task Schema_creation_is_idempotent_on_postgres()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);

        await Task.WhenAll(QuartzSchema.CreatePostgresAsync(dataSource, default), QuartzSchema.CreatePostgresAsync(dataSource, default));
        await QuartzSchema.CreatePostgresAsync(dataSource, default);

        await using var command = dataSource.CreateCommand(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_name LIKE 'qrtz%'");
        Assert.Equal(15L, await command.ExecuteScalarAsync());
    }

    private static async Task<long> RemainingTriggersAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT COUNT(*) FROM qrtz_triggers");
        return (long)(await command.ExecuteScalarAsync() ?? 0L);
    }
}
