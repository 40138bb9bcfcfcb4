using CourseBot.Bot.Delivery;
using CourseBot.Bot.Scheduling;
using CourseBot.Bot.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Quartz;

namespace CourseBot.Bot.Tests.Scheduling;

public sealed class SqliteQuartzStoreTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private Dictionary<string, string?> Storage => new()
    {
        ["Storage:Provider"] = "sqlite",
        ["Storage:DataDirectory"] = Path.Combine(_folder.Path, "data"),
    };

    private string ConnectionString => $"Data Source={Path.Combine(_folder.Path, "data", StorageOptions.SqliteFileName)}";

    [Fact]
    public async Task A_cron_trigger_survives_a_restart_of_the_bot()
    {
        var job = new JobKey("announce-week", "cs395t");
        var trigger = new TriggerKey("announce-week", "cs395t");
        using (var first = BotStorageHost.Build(Storage))
        {
            await first.StartAsync();
            var scheduler = await first.SchedulerAsync();
            await scheduler.AddJob(JobBuilder.Create<NoteFiringJob>().WithIdentity(job).StoreDurably().Build(), AddJobOptions.Replacing);
            await scheduler.ScheduleJob(TriggerBuilder.Create().WithIdentity(trigger).ForJob(job)
                .WithCronSchedule("0 0 18 ? * MON", c => c.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing))
                .Build());
            await first.StopAsync();
        }

        using var second = BotStorageHost.Build(Storage);
        await second.StartAsync();
        var restored = await (await second.SchedulerAsync()).GetTrigger(trigger);
        await second.StopAsync();

        var cron = Assert.IsAssignableFrom<ICronTrigger>(restored);
        Assert.Equal("0 0 18 ? * MON", cron.CronExpressionString);
        Assert.Equal(job, cron.JobKey);
        Assert.True(File.Exists(Path.Combine(_folder.Path, "data", StorageOptions.SqliteFileName)));
    }

    [Fact]
    public async Task Schema_creation_runs_twice_without_harm_and_keeps_data()
    {
        Directory.CreateDirectory(Path.Combine(_folder.Path, "data"));
        await QuartzSchema.CreateSqliteAsync(ConnectionString, default);
        await using (var connection = await SqliteStore.OpenAsync(ConnectionString, default))
        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO QRTZ_LOCKS (SCHED_NAME, LOCK_NAME) VALUES ('CourseBot', 'TRIGGER_ACCESS')";
            await insert.ExecuteNonQueryAsync();
        }

        await QuartzSchema.CreateSqliteAsync(ConnectionString, default);

        await using var check = await SqliteStore.OpenAsync(ConnectionString, default);
        Assert.Equal(15L, await ScalarAsync(check, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name LIKE 'QRTZ%'"));
        Assert.Equal(1L, await ScalarAsync(check, "SELECT COUNT(*) FROM QRTZ_LOCKS"));
        Assert.Equal("wal", await ScalarAsync(check, "PRAGMA journal_mode"));
    }

    [Fact]
    public async Task The_ledger_lives_in_the_same_file_as_the_quartz_tables()
    {
        using var host = BotStorageHost.Build(Storage);
        await host.StartAsync();
        var ledger = host.Services.GetRequiredService<IPostingLedger>();
        await ledger.TryClaimAsync(new PostKey("cs395t", "week-1", PostKinds.Announcement, "local", "console"), "node", default);
        await host.StopAsync();

        await using var connection = await SqliteStore.OpenAsync(ConnectionString, default);
        Assert.Equal(1L, await ScalarAsync(connection, "SELECT COUNT(*) FROM coursebot_posts"));
        Assert.Equal(1L, await ScalarAsync(connection, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'QRTZ_TRIGGERS'"));
    }

    [Theory]
    [InlineData("mysql", null, "must be 'sqlite' or 'postgres'")]
    [InlineData("postgres", null, "ConnectionString is required")]
    [InlineData("postgres", "Host=127.0.0.1;Nonsense Key=1", "not a valid PostgreSQL")]
    public void Bad_storage_settings_stop_the_bot_with_a_clear_message(string provider, string? connectionString, string expected)
    {
        using var host = BotStorageHost.BuildUnvalidated(provider, connectionString);

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
