using CourseBot.Bot.Delivery;
using CourseBot.Bot.Leads;
using CourseBot.Bot.Storage;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Bot.Tests.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CourseBot.Bot.Tests.Leads;

/// <summary>The reminders' contract with every node on one SQLite file (two hosts: a ledger and a store each).</summary>
public sealed class SqliteLeadReminderTests : LeadReminderContract
{
    protected override async Task<(IPostingLedger Ledger, ILeadStore Store)> StorageAsync()
    {
        var file = Path.Combine(Data.Path, "coursebot.db");
        var ledger = new SqlitePostingLedger($"Data Source={file}", Clock, new PostingLedgerOptions());
        await ledger.EnsureSchemaAsync(default);
        var store = new SqliteLeadStore($"Data Source={file}");
        await store.EnsureSchemaAsync(default);
        return (ledger, store);
    }

    public override async Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        await base.DisposeAsync();
    }
}

/// <summary>The reminders' contract with every node on one PostgreSQL database (a connection pool per node).</summary>
[Trait(TestCategory.Name, TestCategory.Postgres)]
[Collection(PostgresCollection.Name)]
public sealed class PostgresLeadReminderTests(PostgresServer server, PostgresPostingLedgerTests.Database database)
    : LeadReminderContract, IClassFixture<PostgresPostingLedgerTests.Database>
{
    private readonly List<NpgsqlDataSource> _dataSources = [];

    protected override async Task<(IPostingLedger Ledger, ILeadStore Store)> StorageAsync()
    {
        var dataSource = NpgsqlDataSource.Create(await database.ConnectionStringAsync(server));
        _dataSources.Add(dataSource);
        var ledger = new PostgresPostingLedger(dataSource, Clock, new PostingLedgerOptions());
        await ledger.EnsureSchemaAsync(default);
        var store = new PostgresLeadStore(dataSource);
        await store.EnsureSchemaAsync(default);
        return (ledger, store);
    }

    public override async Task DisposeAsync()
    {
        foreach (var dataSource in _dataSources)
        {
            await dataSource.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
