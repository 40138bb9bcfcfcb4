using CourseBot.Bot.Leads;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Bot.Tests.Testing;
using Npgsql;

namespace CourseBot.Bot.Tests.Leads;

[Trait(TestCategory.Name, TestCategory.Postgres)]
[Collection(PostgresCollection.Name)]
public sealed class PostgresLeadStoreTests(PostgresServer server, PostgresPostingLedgerTests.Database database)
    : LeadStoreContract, IClassFixture<PostgresPostingLedgerTests.Database>
{
    // One data source (connection pool) per store: two stores are two hosts sharing the server.
    private readonly List<NpgsqlDataSource> _dataSources = [];

    protected override async Task<SqlLeadStore> CreateStoreAsync()
    {
        var dataSource = NpgsqlDataSource.Create(await database.ConnectionStringAsync(server));
        _dataSources.Add(dataSource);
        return new PostgresLeadStore(dataSource);
    }

    protected override async Task<Dictionary<string, string?>> StorageSettingsAsync() => new()
    {
        ["Storage:Provider"] = "postgres",
        ["Storage:ConnectionString"] = await database.ConnectionStringAsync(server),
    };

    protected override async Task ReopenAsync() => await _dataSources[0].DisposeAsync();

    public override async Task DisposeAsync()
    {
        foreach (var dataSource in _dataSources)
        {
            await dataSource.DisposeAsync();
        }
    }
}
