using CourseBot.Bot.Leads;
using CourseBot.Bot.Tests.Scheduling;
using Microsoft.Data.Sqlite;

namespace CourseBot.Bot.Tests.Leads;

public sealed class SqliteLeadStoreTests : LeadStoreContract
{
    private readonly TempDirectory _folder = new();
    private int _stores;

    private string File => Path.Combine(_folder.Path, "coursebot.db");

    // Every store after the first gets a pool of its own (Pooling=False), like a second process on the same file.
    protected override Task<SqlLeadStore> CreateStoreAsync() =>
        Task.FromResult<SqlLeadStore>(new SqliteLeadStore(new SqliteConnectionStringBuilder
        {
            DataSource = File,
            Pooling = Interlocked.Increment(ref _stores) == 1,
        }.ToString()));

    protected override Task<Dictionary<string, string?>> StorageSettingsAsync() =>
        Task.FromResult(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "sqlite",
            ["Storage:ConnectionString"] = $"Data Source={Path.Combine(_folder.Path, "registered", "coursebot.db")}",
        });

    protected override Task ReopenAsync()
    {
        SqliteConnection.ClearAllPools();
        return Task.CompletedTask;
    }

    public override Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
