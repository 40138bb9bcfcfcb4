using System.Data;
using System.Data.Common;
using CourseBot.Bot.Storage;
using Microsoft.Data.Sqlite;

namespace CourseBot.Bot.Leads;

/// <summary>
/// Sign-ups in the bot's SQLite file (beside the posting ledger). A decision runs in a
/// <c>BEGIN IMMEDIATE</c> transaction: it takes the file's write lock before reading the counts, so a
/// second decision — another connection, or another process on the same file — waits (busy timeout) instead
/// of reading the same counts. SQLite has one writer at a time anyway; sign-ups are a few per second at most.
/// </summary>
public sealed class SqliteLeadStore(string connectionString, SqliteStoreWatch? watch = null) : SqlLeadStore
{
    public override async Task EnsureSchemaAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = TableDefinition;
        await command.ExecuteNonQueryAsync(ct);
    }

    protected override async Task<DbConnection> OpenAsync(CancellationToken ct) => await SqliteStore.OpenAsync(connectionString, watch, ct);

    protected override Task<DbTransaction> BeginDecisionAsync(DbConnection connection, string courseId, CancellationToken ct) =>
        // Not deferred: BEGIN IMMEDIATE, the write lock first (a deferred BEGIN would read, then fail to upgrade).
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(IsolationLevel.Serializable, deferred: false));
}
