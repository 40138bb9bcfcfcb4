using CourseBot.Bot.Tests.Testing;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using CourseBot.Bot.Storage;

namespace CourseBot.Bot.Tests.Scheduling;

[Trait(TestCategory.Name, TestCategory.Postgres)]
[Collection(PostgresCollection.Name)]
public sealed class PostgresPostingLedgerTests(PostgresServer server, PostgresPostingLedgerTests.Database database)
    : PostingLedgerContract, IClassFixture<PostgresPostingLedgerTests.Database>
{
    private NpgsqlDataSource? dataSource;

    protected override async Task<SqlPostingLedger> CreateLedgerAsync(FakeTimeProvider clock)
    {
        dataSource = NpgsqlDataSource.Create(await database.ConnectionStringAsync(server));
        return new PostgresPostingLedger(dataSource, clock, Options);
    }

    public override async Task DisposeAsync()
    {
        if (dataSource is not null)
        {
            await dataSource.DisposeAsync();
        }
    }

    /// <summary>One fresh database for this test class; tests keep apart by course id.</summary>
    public sealed class Database
    {
        private readonly SemaphoreSlim gate = new(1, 1);
        private string? connectionString;

        public async Task<string> ConnectionStringAsync(PostgresServer server)
        {
            await gate.WaitAsync();
            try
            {
                return connectionString ??= await server.CreateDatabaseAsync();
            }
            finally
            {
                gate.Release();
            }
        }
    }
}
