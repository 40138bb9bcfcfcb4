using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace CourseBot.Bot.Scheduling;

/// <summary>The posting ledger in a SQLite file (the same file as Quartz's tables), in WAL mode with a busy timeout.</summary>
public sealed class SqlitePostingLedger(string connectionString, TimeProvider time, PostingLedgerOptions options)
    : SqlPostingLedger(time, options)
{
    public override async Task EnsureSchemaAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = TableDefinition;
        await command.ExecuteNonQueryAsync(ct);
    }

    protected override async Task<DbConnection> OpenAsync(CancellationToken ct) =>
        await SqliteStore.OpenAsync(connectionString, ct);
}
