using System.Data;
using System.Data.Common;
using Npgsql;

namespace CourseBot.Bot.Storage;

/// <summary>
/// A course's baseline for the "what changed" notice: the outline (what students see, see
/// <see cref="Core.Calendar.CourseOutline"/>) of the version last announced, or first served, and the notice
/// still owed for the last move of the baseline. One row per course, beside the posting ledger.
/// </summary>
/// <param name="Digest">The outline's digest: the version the row stands for.</param>
/// <param name="NoticeSlot">The owed notice's slot in the ledger; null when nothing is owed.</param>
/// <param name="NoticeChanges">The owed notice's change set (JSON), with <paramref name="NoticeSlot"/>.</param>
public sealed record ChangeBaseline(string Digest, string Outline, string? NoticeSlot, string? NoticeChanges);

/// <summary>
/// The baselines over plain ADO.NET, in the ledger's database (SQL common to SQLite and PostgreSQL). The
/// baseline only moves from the digest a node read (compare-and-swap), and it moves together with the notice
/// that move owes, so of several nodes ending the same burst one announces it, and a node stopped between the
/// move and the send leaves the notice owed for the next one (see docs/delivery.md, Edits).
/// </summary>
public abstract class ChangeBaselines
{
    protected const string TableDefinition = """
        CREATE TABLE IF NOT EXISTS coursebot_change_baselines (
          course_id      TEXT   NOT NULL PRIMARY KEY,
          digest         TEXT   NOT NULL,
          outline        TEXT   NOT NULL,
          notice_slot    TEXT   NULL,
          notice_changes TEXT   NULL,
          updated_at     BIGINT NOT NULL
        );
        """;

    /// <summary>Creates the table if it does not exist. Safe to run on every start and on several nodes.</summary>
    public abstract Task EnsureSchemaAsync(CancellationToken ct);

    protected abstract Task<DbConnection> OpenAsync(CancellationToken ct);

    public async Task<ChangeBaseline?> FindAsync(string courseId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = Command(
            connection,
            "SELECT digest, outline, notice_slot, notice_changes FROM coursebot_change_baselines WHERE course_id = @course",
            ("course", courseId));
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        return new ChangeBaseline(
            reader.GetString(0),
            reader.GetString(1),
            await reader.IsDBNullAsync(2, ct) ? null : reader.GetString(2),
            await reader.IsDBNullAsync(3, ct) ? null : reader.GetString(3));
    }

    /// <summary>The course's first baseline; false when it already has one (kept as it is).</summary>
    public async Task<bool> TryCreateAsync(string courseId, string digest, string outline, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = Command(
            connection,
            """
            INSERT INTO coursebot_change_baselines (course_id, digest, outline, notice_slot, notice_changes, updated_at)
            VALUES (@course, @digest, @outline, NULL, NULL, @at)
            ON CONFLICT (course_id) DO NOTHING
            """,
            ("course", courseId), ("digest", digest), ("outline", outline), ("at", at.ToUnixTimeMilliseconds()));
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>
    /// Moves the baseline from <paramref name="fromDigest"/> to the new outline, owing the notice given (or none);
    /// false when the row no longer stands at <paramref name="fromDigest"/> or still owes a notice (another node moved it).
    /// </summary>
    public async Task<bool> TryAdvanceAsync(
        string courseId, string fromDigest, string digest, string outline, string? noticeSlot, string? noticeChanges, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = Command(
            connection,
            """
            UPDATE coursebot_change_baselines
            SET digest = @digest, outline = @outline, notice_slot = @slot, notice_changes = @changes, updated_at = @at
            WHERE course_id = @course AND digest = @from AND notice_slot IS NULL
            """,
            ("course", courseId), ("from", fromDigest), ("digest", digest), ("outline", outline),
            ("slot", noticeSlot), ("changes", noticeChanges), ("at", at.ToUnixTimeMilliseconds()));
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>The owed notice went out (or was refused for good) on every channel: nothing is owed any more.</summary>
    public async Task SettleNoticeAsync(string courseId, string noticeSlot, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = Command(
            connection,
            "UPDATE coursebot_change_baselines SET notice_slot = NULL, notice_changes = NULL WHERE course_id = @course AND notice_slot = @slot",
            ("course", courseId), ("slot", noticeSlot));
        await command.ExecuteNonQueryAsync(ct);
    }

    private static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            if (value is null)
            {
                parameter.DbType = DbType.String;
            }

            command.Parameters.Add(parameter);
        }

        return command;
    }
}

/// <summary>Baselines in the bot's SQLite file, opened without creating it (like the ledger).</summary>
public sealed class SqliteChangeBaselines(string connectionString, SqliteStoreWatch? watch = null) : ChangeBaselines
{
    public override async Task EnsureSchemaAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = TableDefinition;
        await command.ExecuteNonQueryAsync(ct);
    }

    protected override async Task<DbConnection> OpenAsync(CancellationToken ct) => await SqliteStore.OpenAsync(connectionString, watch, ct);
}

/// <summary>Baselines in PostgreSQL, shared by every copy of the bot.</summary>
public sealed class PostgresChangeBaselines(NpgsqlDataSource dataSource) : ChangeBaselines
{
    public override async Task EnsureSchemaAsync(CancellationToken ct) =>
        await PostgresStore.RunExclusiveAsync(dataSource, TableDefinition, ct);

    protected override async Task<DbConnection> OpenAsync(CancellationToken ct) =>
        await dataSource.OpenConnectionAsync(ct);
}
