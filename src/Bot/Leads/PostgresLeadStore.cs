using System.Data.Common;
using CourseBot.Bot.Storage;
using Npgsql;

namespace CourseBot.Bot.Leads;

/// <summary>
/// Sign-ups in PostgreSQL (beside the posting ledger), shared by every copy of the bot.
/// </summary>
/// <remarks>
/// Why a per-course advisory lock and not SERIALIZABLE or a row lock per paper: a claim is decided by two
/// counts at once — the paper's leads (per paper) and the student's sign-ups (per student) — and a drop
/// moves a waitlisted student into a slot. Row locks would need a lock row per paper and per student, taken
/// in one fixed order by every path (a drop without a paper finds the paper only through the student), or
/// deadlocks follow. SERIALIZABLE is correct, but 20 claims of one slot abort all but one on each round and
/// have to retry, about n²/2 attempts. <c>pg_advisory_xact_lock</c> on (leads, hash of the course) queues the
/// decisions of one course instead: each waits its turn once, reads committed counts (READ COMMITTED reads
/// afresh for every statement, after the lock), writes and commits, and the lock ends with the transaction,
/// also when the connection dies. The cost is that one course's sign-ups are decided one at a time — a few
/// milliseconds each, at human click rates. Two courses whose hashes collide only share a queue.
/// </remarks>
public sealed class PostgresLeadStore(NpgsqlDataSource dataSource) : SqlLeadStore
{
    // The two-key advisory lock space does not overlap the one-key space of PostgresStore's schema lock.
    private const int LeadsLockClass = 0x4C656164; // "Lead"

    public override async Task EnsureSchemaAsync(CancellationToken ct) =>
        await PostgresStore.RunExclusiveAsync(dataSource, TableDefinition, ct);

    protected override async Task<DbConnection> OpenAsync(CancellationToken ct) =>
        await dataSource.OpenConnectionAsync(ct);

    protected override async Task<DbTransaction> BeginDecisionAsync(DbConnection connection, string courseId, CancellationToken ct)
    {
        var npgsql = (NpgsqlConnection)connection;
        var transaction = await npgsql.BeginTransactionAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@class, hashtext(@course))", npgsql, transaction);
            command.Parameters.AddWithValue("class", LeadsLockClass);
            command.Parameters.AddWithValue("course", courseId);
            await command.ExecuteNonQueryAsync(ct);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }
}
