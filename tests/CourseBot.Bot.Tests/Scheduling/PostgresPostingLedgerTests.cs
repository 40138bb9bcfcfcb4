using CourseBot.Bot.Storage;
using CourseBot.Bot.Tests.Testing;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace CourseBot.Bot.Tests.Scheduling;

[Trait(TestCategory.Name, TestCategory.Postgres)]
[Collection(PostgresCollection.Name)]
public sealed class PostgresPostingLedgerTests(PostgresServer server, PostgresPostingLedgerTests.Database database)
    : PostingLedgerContract, IClassFixture<PostgresPostingLedgerTests.Database>
{
    private NpgsqlDataSource? _dataSource;

    protected override async Task<SqlPostingLedger> CreateLedgerAsync(FakeTimeProvider clock)
    {
        _dataSource = NpgsqlDataSource.Create(await database.ConnectionStringAsync(server));
        return new PostgresPostingLedger(_dataSource, clock, Options);
    }

    public override async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }

    /// <summary>One fresh database for this test class; tests keep apart by course id.</summary>
    public sealed class Database
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private string? _connectionString;

        public async Task<string> ConnectionStringAsync(PostgresServer server)
        {
            await _gate.WaitAsync();
            try
            {
                return _connectionString ??= await server.CreateDatabaseAsync();
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}
