using System.Data.Common;

namespace CourseBot.Bot.Calendar;

/// <summary>
/// Calendar revisions in the bot's store (the ledger's database, table <c>coursebot_calendar_events</c>,
/// created with the ledger). Persisted rather than derived, because a SEQUENCE must grow with every change and
/// nothing in the course files says how many versions came before; kept in the shared store so a restart or
/// another node serves the same SEQUENCE and DTSTAMP, and so the same ETag. A change is a compare-and-swap
/// UPDATE on the old hash, so two nodes seeing the same edit add one, not two.
/// </summary>
public sealed class SqlCalendarRevisions(Func<CancellationToken, Task<DbConnection>> open, TimeProvider time) : ICalendarRevisions
{
    /// <summary>The table, in the SQL common to SQLite and PostgreSQL; created in the ledger's schema step.</summary>
    public const string TableDefinition = """
        CREATE TABLE IF NOT EXISTS coursebot_calendar_events (
          course_id    TEXT    NOT NULL,
          uid          TEXT    NOT NULL,
          content_hash TEXT    NOT NULL,
          sequence     INTEGER NOT NULL,
          changed_at   BIGINT  NOT NULL,
          PRIMARY KEY (course_id, uid)
        )
        """;

    public async Task<IReadOnlyDictionary<string, CalendarRevision>> RecordAsync(
        string courseId, IReadOnlyList<(string Uid, string Hash)> contents, CancellationToken ct)
    {
        await using var connection = await open(ct);
        var stored = await ReadAsync(connection, courseId, ct);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var wrote = false;
        foreach (var (uid, hash) in contents)
        {
            if (!stored.TryGetValue(uid, out var row))
            {
                await ExecuteAsync(connection, """
                    INSERT INTO coursebot_calendar_events (course_id, uid, content_hash, sequence, changed_at)
                    VALUES (@course, @uid, @hash, 0, @now)
                    ON CONFLICT (course_id, uid) DO NOTHING
                    """, ct, ("course", courseId), ("uid", uid), ("hash", hash), ("now", now));
                wrote = true;
            }
            else if (row.Hash != hash)
            {
                // Only from the hash this node read: a node that saw the same edit first has already counted it.
                await ExecuteAsync(connection, """
                    UPDATE coursebot_calendar_events
                    SET content_hash = @hash, sequence = sequence + 1, changed_at = @now
                    WHERE course_id = @course AND uid = @uid AND content_hash = @old
                    """, ct, ("course", courseId), ("uid", uid), ("hash", hash), ("old", row.Hash), ("now", now));
                wrote = true;
            }
        }

        if (wrote)
        {
            stored = await ReadAsync(connection, courseId, ct);
        }

        return contents
            .Where(c => stored.ContainsKey(c.Uid))
            .ToDictionary(c => c.Uid, c => stored[c.Uid].Revision, StringComparer.Ordinal);
    }

    private static async Task<Dictionary<string, (string Hash, CalendarRevision Revision)>> ReadAsync(DbConnection connection, string courseId, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT uid, content_hash, sequence, changed_at FROM coursebot_calendar_events WHERE course_id = @course";
        AddParameter(command, "course", courseId);
        var rows = new Dictionary<string, (string, CalendarRevision)>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows[reader.GetString(0)] = (reader.GetString(1), new CalendarRevision(
                Convert.ToInt32(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture),
                DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    internal static async Task<int> ExecuteAsync(DbConnection connection, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            AddParameter(command, name, value);
        }

        return await command.ExecuteNonQueryAsync(ct);
    }

    internal static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
