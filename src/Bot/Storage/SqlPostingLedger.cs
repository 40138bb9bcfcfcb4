using System.Data.Common;
using CourseBot.Bot.Delivery;

namespace CourseBot.Bot.Storage;

/// <summary>
/// The posting ledger over plain ADO.NET. Every state change is one conditional statement, so the
/// database's row locking decides races: a UNIQUE primary key for claims, compare-and-swap UPDATEs
/// for take-overs and completions. The SQL is the common subset of SQLite and PostgreSQL.
/// </summary>
public abstract partial class SqlPostingLedger(TimeProvider time, PostingLedgerOptions options) : IPostingLedger
{
    private const string KeyMatch =
        "course_id = @course AND slot = @slot AND kind = @kind AND platform = @platform AND channel = @channel";

    private const string Columns =
        "course_id, slot, kind, platform, channel, state, claimant, message_id, attempts, last_error, created_at, claimed_at, completed_at, updated_at, " + EditColumns;

    /// <summary>Creates the ledger table if it does not exist. Safe to run on every start and on several nodes.</summary>
    public abstract Task EnsureSchemaAsync(CancellationToken ct);

    /// <summary>Opens a connection to the ledger's database.</summary>
    protected abstract Task<DbConnection> OpenAsync(CancellationToken ct);

    /// <summary>The table definition, shared by both databases.</summary>
    protected const string TableDefinition = """
        CREATE TABLE IF NOT EXISTS coursebot_posts (
          course_id    TEXT    NOT NULL,
          slot         TEXT    NOT NULL,
          kind         TEXT    NOT NULL,
          platform     TEXT    NOT NULL,
          channel      TEXT    NOT NULL,
          token        TEXT    NOT NULL,
          state        TEXT    NOT NULL,
          claimant     TEXT    NULL,
          message_id   TEXT    NULL,
          attempts     INTEGER NOT NULL,
          last_error   TEXT    NULL,
          created_at   BIGINT  NOT NULL,
          claimed_at   BIGINT  NULL,
          completed_at BIGINT  NULL,
          updated_at   BIGINT  NOT NULL,
          PRIMARY KEY (course_id, slot, kind, platform, channel)
        )
        """
        // The calendar feed's event revisions (SEQUENCE) live in the same store, created in the same step.
        + ";\n" + Calendar.SqlCalendarRevisions.TableDefinition
        // The personal calendar feeds' tokens (as hashes) too.
        + ";\n" + Calendar.SqlCalendarTokens.TableDefinition;

    /// <summary>A connection to the ledger's database, for the other records kept beside it (calendar revisions).</summary>
    internal Task<DbConnection> ConnectAsync(CancellationToken ct) => OpenAsync(ct);

    public async Task<ClaimResult> TryClaimAsync(PostKey key, string claimant, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(claimant);
        await using var connection = await OpenAsync(ct);
        var now = Now();

        var inserted = await ExecuteAsync(connection, $"""
            INSERT INTO coursebot_posts (course_id, slot, kind, platform, channel, token, state, claimant, attempts, created_at, claimed_at, updated_at)
            VALUES (@course, @slot, @kind, @platform, @channel, @token, 'sending', @claimant, 1, @now, @now, @now)
            ON CONFLICT (course_id, slot, kind, platform, channel) DO NOTHING
            """, key, ct, ("token", key.Token), ("claimant", claimant), ("now", now));
        if (inserted == 1)
        {
            return ClaimResult.Claimed;
        }

        var reclaimed = await ExecuteAsync(connection, $"""
            UPDATE coursebot_posts
            SET state = 'sending', claimant = @claimant, claimed_at = @now, updated_at = @now, attempts = attempts + 1
            WHERE {KeyMatch} AND state = 'failed'
            """, key, ct, ("claimant", claimant), ("now", now));
        if (reclaimed == 1)
        {
            return ClaimResult.Claimed;
        }

        var record = await FindAsync(connection, key, ct)
            ?? throw new InvalidOperationException($"Post {key} vanished from the ledger while being claimed.");
        return record.State switch
        {
            PostState.Sent => ClaimResult.AlreadySent(record.MessageId ?? ""),
            PostState.Skipped => ClaimResult.Skipped,
            PostState.Sending when record.Claimant == claimant => ClaimResult.Claimed,
            PostState.Sending when record.ClaimedAt is { } claimedAt && claimedAt + options.ClaimLease <= time.GetUtcNow() =>
                ClaimResult.Stale(record.Claimant ?? "", claimedAt),
            PostState.Sending => ClaimResult.InProgress(record.Claimant ?? "", record.ClaimedAt ?? record.UpdatedAt),
            // Released between our UPDATE and SELECT, and claimed by nobody yet: report it as
            // in progress; the next run of the job claims it.
            _ => ClaimResult.InProgress(record.Claimant ?? "", record.UpdatedAt),
        };
    }

    public async Task<bool> TryTakeOverAsync(PostKey key, ClaimResult stale, string claimant, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(claimant);
        if (stale.Outcome != ClaimOutcome.Stale || stale.Claimant is null || stale.ClaimedAt is not { } claimedAt)
        {
            throw new ArgumentException("Only a stale claim can be taken over.", nameof(stale));
        }

        await using var connection = await OpenAsync(ct);
        var now = time.GetUtcNow();
        var updated = await ExecuteAsync(connection, $"""
            UPDATE coursebot_posts
            SET claimant = @claimant, claimed_at = @now, updated_at = @now, attempts = attempts + 1
            WHERE {KeyMatch} AND state = 'sending'
              AND claimant = @previous AND claimed_at = @previousAt AND claimed_at <= @expiredBefore
            """, key, ct,
            ("claimant", claimant),
            ("now", now.ToUnixTimeMilliseconds()),
            ("previous", stale.Claimant),
            ("previousAt", claimedAt.ToUnixTimeMilliseconds()),
            ("expiredBefore", (now - options.ClaimLease).ToUnixTimeMilliseconds()));
        return updated == 1;
    }

    public Task MarkSentAsync(PostKey key, string claimant, string messageId, CancellationToken ct) =>
        MarkSentAsync(key, claimant, messageId, null, ct);

    public async Task MarkSentAsync(PostKey key, string claimant, string messageId, string? version, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        await using var connection = await OpenAsync(ct);
        var updated = await ExecuteAsync(connection, $"""
            UPDATE coursebot_posts
            SET state = 'sent', message_id = @message, version = @version, completed_at = @now, updated_at = @now
            WHERE {KeyMatch} AND state = 'sending' AND claimant = @claimant
            """, key, ct, ("claimant", claimant), ("message", messageId), ("version", version), ("now", Now()));
        if (updated != 1)
        {
            throw new LostClaimException(key, claimant);
        }
    }

    public async Task ReleaseAsync(PostKey key, string claimant, string reason, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var updated = await ExecuteAsync(connection, $"""
            UPDATE coursebot_posts
            SET state = 'failed', claimant = NULL, last_error = @reason, updated_at = @now
            WHERE {KeyMatch} AND state = 'sending' AND claimant = @claimant
            """, key, ct, ("claimant", claimant), ("reason", reason), ("now", Now()));
        if (updated != 1)
        {
            throw new LostClaimException(key, claimant);
        }
    }

    public async Task<bool> MarkSkippedAsync(PostKey key, string reason, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var now = Now();
        var inserted = await ExecuteAsync(connection, """
            INSERT INTO coursebot_posts (course_id, slot, kind, platform, channel, token, state, attempts, last_error, created_at, completed_at, updated_at)
            VALUES (@course, @slot, @kind, @platform, @channel, @token, 'skipped', 0, @reason, @now, @now, @now)
            ON CONFLICT (course_id, slot, kind, platform, channel) DO NOTHING
            """, key, ct, ("token", key.Token), ("reason", reason), ("now", now));
        if (inserted == 1)
        {
            return true;
        }

        await ExecuteAsync(connection, $"""
            UPDATE coursebot_posts
            SET state = 'skipped', last_error = @reason, completed_at = @now, updated_at = @now
            WHERE {KeyMatch} AND state = 'failed'
            """, key, ct, ("reason", reason), ("now", now));
        var record = await FindAsync(connection, key, ct);
        return record?.State == PostState.Skipped;
    }

    public async Task<IReadOnlyList<PostRecord>> ListAsync(string? courseId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {Columns} FROM coursebot_posts
            WHERE @course IS NULL OR course_id = @course
            ORDER BY course_id, slot, kind, platform, channel
            """;
        AddParameter(command, "course", courseId);
        var records = new List<PostRecord>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        var columns = new RecordColumns(reader);
        while (await reader.ReadAsync(ct))
        {
            records.Add(columns.Read(reader));
        }

        return records;
    }

    public async Task<PostRecord?> FindAsync(PostKey key, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        return await FindAsync(connection, key, ct);
    }

    private static async Task<PostRecord?> FindAsync(DbConnection connection, PostKey key, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM coursebot_posts WHERE {KeyMatch}";
        AddKey(command, key);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new RecordColumns(reader).Read(reader) : null;
    }

    private static async Task<int> ExecuteAsync(
        DbConnection connection, string sql, PostKey key, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        AddKey(command, key);
        foreach (var (name, value) in parameters)
        {
            AddParameter(command, name, value);
        }

        return await command.ExecuteNonQueryAsync(ct);
    }

    private static void AddKey(DbCommand command, PostKey key)
    {
        AddParameter(command, "course", key.CourseId);
        AddParameter(command, "slot", key.Slot);
        AddParameter(command, "kind", key.Kind);
        AddParameter(command, "platform", key.Platform);
        AddParameter(command, "channel", key.Channel);
    }

    private static void AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        if (value is null)
        {
            parameter.DbType = System.Data.DbType.String;
        }

        command.Parameters.Add(parameter);
    }

    private static PostState ParseState(string state) => state switch
    {
        "sending" => PostState.Sending,
        "sent" => PostState.Sent,
        "failed" => PostState.Failed,
        "skipped" => PostState.Skipped,
        _ => throw new InvalidDataException($"Unknown post state '{state}' in the ledger."),
    };

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>
    /// The ledger columns' positions in one result, looked up by name once per reader, so the
    /// SELECT list can change order without a row being read into the wrong fields.
    /// </summary>
    private readonly struct RecordColumns(DbDataReader reader)
    {
        private readonly int _course = reader.GetOrdinal("course_id");
        private readonly int _slot = reader.GetOrdinal("slot");
        private readonly int _kind = reader.GetOrdinal("kind");
        private readonly int _platform = reader.GetOrdinal("platform");
        private readonly int _channel = reader.GetOrdinal("channel");
        private readonly int _state = reader.GetOrdinal("state");
        private readonly int _claimant = reader.GetOrdinal("claimant");
        private readonly int _messageId = reader.GetOrdinal("message_id");
        private readonly int _attempts = reader.GetOrdinal("attempts");
        private readonly int _lastError = reader.GetOrdinal("last_error");
        private readonly int _createdAt = reader.GetOrdinal("created_at");
        private readonly int _claimedAt = reader.GetOrdinal("claimed_at");
        private readonly int _completedAt = reader.GetOrdinal("completed_at");
        private readonly int _updatedAt = reader.GetOrdinal("updated_at");
        private readonly int _version = reader.GetOrdinal("version");
        private readonly int _editedAt = reader.GetOrdinal("edited_at");
        private readonly int _editClaimant = reader.GetOrdinal("edit_claimant");
        private readonly int _editClaimedAt = reader.GetOrdinal("edit_claimed_at");
        private readonly int _goneAt = reader.GetOrdinal("gone_at");
        private readonly int _repostedAt = reader.GetOrdinal("reposted_at");

        public PostRecord Read(DbDataReader row) => new(
            new PostKey(row.GetString(_course), row.GetString(_slot), row.GetString(_kind), row.GetString(_platform), row.GetString(_channel)),
            ParseState(row.GetString(_state)),
            NullableString(row, _claimant),
            NullableString(row, _messageId),
            row.GetInt32(_attempts),
            NullableString(row, _lastError),
            Moment(row, _createdAt),
            NullableMoment(row, _claimedAt),
            NullableMoment(row, _completedAt),
            Moment(row, _updatedAt),
            NullableString(row, _version),
            NullableMoment(row, _editedAt),
            NullableString(row, _editClaimant),
            NullableMoment(row, _editClaimedAt),
            NullableMoment(row, _goneAt),
            NullableMoment(row, _repostedAt));

        private static string? NullableString(DbDataReader row, int ordinal) =>
            row.IsDBNull(ordinal) ? null : row.GetString(ordinal);

        private static DateTimeOffset Moment(DbDataReader row, int ordinal) =>
            DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(ordinal));

        private static DateTimeOffset? NullableMoment(DbDataReader row, int ordinal) =>
            row.IsDBNull(ordinal) ? null : Moment(row, ordinal);
    }
}
