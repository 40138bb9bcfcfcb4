using System.Data.Common;
using CourseBot.Bot.Delivery;
using Npgsql;

namespace CourseBot.Bot.Storage;

/// <summary>The posting ledger in PostgreSQL (the same database as Quartz's clustered tables).</summary>
public sealed class PostgresPostingLedger(NpgsqlDataSource dataSource, TimeProvider time, PostingLedgerOptions options)
    : SqlPostingLedger(time, options)
{
    public override async Task EnsureSchemaAsync(CancellationToken ct) =>
        await PostgresStore.RunExclusiveAsync(dataSource, TableDefinition + ";\n" + PostgresEditColumns, ct);

    protected override async Task<DbConnection> OpenAsync(CancellationToken ct) =>
        await dataSource.OpenConnectionAsync(ct);
}
