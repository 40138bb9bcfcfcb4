using Npgsql;

namespace CourseBot.Bot.Storage;

/// <summary>Schema changes on PostgreSQL, serialized across nodes.</summary>
public static class PostgresStore
{
    // Any constant will do; it only has to be the same on every node.
    private const long SchemaLockId = 0x436F75727365426F; // "CourseBo"

    /// <summary>
    /// Runs a DDL script in one transaction under a transaction-scoped advisory lock, so nodes starting
    /// at the same moment do not race on <c>CREATE TABLE IF NOT EXISTS</c> (which is not atomic in PostgreSQL).
    /// </summary>
    public static async Task RunExclusiveAsync(NpgsqlDataSource dataSource, string script, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@id)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("id", SchemaLockId);
            await lockCommand.ExecuteNonQueryAsync(ct);
        }

        await using (var command = new NpgsqlCommand(script, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
    }
}
