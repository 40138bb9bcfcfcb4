using System.Data.Common;
using CourseBot.Bot.Delivery;
using Microsoft.Data.Sqlite;

namespace CourseBot.Bot.Storage;

/// <summary>
/// The posting ledger in a SQLite file (the same file as Quartz's tables), in WAL mode with a busy timeout.
/// With a <paramref name="watch"/>, every operation first checks that the file is still the one opened at
/// start, and throws <see cref="StoreGoneException"/> when it was deleted or replaced.
/// </summary>
public sealed class SqlitePostingLedger(string connectionString, TimeProvider time, PostingLedgerOptions options, SqliteStoreWatch? watch = null)
    : SqlPostingLedger(time, options)
{
    public override async Task EnsureSchemaAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = TableDefinition;
        await command.ExecuteNonQueryAsync(ct);
        await AddSqliteEditColumnsAsync((SqliteConnection)connection, ct);
    }

    protected override async Task<DbConnection> OpenAsync(CancellationToken ct) => await SqliteStore.OpenAsync(connectionString, watch, ct);
}
