using System.Data;
using System.Data.Common;
using System.Globalization;
using CourseBot.Core.Leads;

namespace CourseBot.Bot.Leads;

/// <summary>
/// The sign-up store over plain ADO.NET, in the posting ledger's database. A claim or a drop reads the
/// counts it is decided by and writes its answer inside one transaction that the database serializes per
/// course (<see cref="BeginDecisionAsync"/>: SQLite's write lock, PostgreSQL's per-course advisory lock),
/// so no two decisions see the same "one slot left". The primary key (course, paper, platform, user) is the
/// uniqueness rule underneath: a student cannot hold two rows for one paper whatever happens above it.
/// The SQL is the common subset of SQLite and PostgreSQL.
/// </summary>
public abstract class SqlLeadStore : ILeadStore
{
    /// <summary>The tables, shared by both databases. <c>waitlist_position</c> NULL is a lead; 1, 2, … the waitlist, kept dense.</summary>
    protected const string TableDefinition = """
        CREATE TABLE IF NOT EXISTS coursebot_leads (
          course_id         TEXT    NOT NULL,
          paper_key         TEXT    NOT NULL,
          platform          TEXT    NOT NULL,
          user_id           TEXT    NOT NULL,
          display_name      TEXT    NOT NULL,
          signed_up_at      BIGINT  NOT NULL,
          waitlist_position INTEGER NULL,
          PRIMARY KEY (course_id, paper_key, platform, user_id)
        );
        CREATE INDEX IF NOT EXISTS coursebot_leads_student ON coursebot_leads (course_id, platform, user_id);
        CREATE TABLE IF NOT EXISTS coursebot_lead_weeks (
          course_id TEXT   NOT NULL,
          week      TEXT   NOT NULL,
          closed_at BIGINT NOT NULL,
          PRIMARY KEY (course_id, week)
        );
        """;

    private const string Columns = "course_id, paper_key, platform, user_id, display_name, signed_up_at, waitlist_position";

    // Leads (in sign-up order) before the waitlist (by position); the platform and user id break ties of equal times.
    private const string SignupOrder =
        "paper_key, CASE WHEN waitlist_position IS NULL THEN 0 ELSE 1 END, waitlist_position, signed_up_at, platform, user_id";

    private const string StudentMatch = "course_id = @course AND platform = @platform AND user_id = @user";

    /// <summary>Creates the sign-up tables if they do not exist. Safe to run on every start and on several nodes.</summary>
    public abstract Task EnsureSchemaAsync(CancellationToken ct);

    /// <summary>Opens a connection to the ledger's database.</summary>
    protected abstract Task<DbConnection> OpenAsync(CancellationToken ct);

    /// <summary>
    /// Starts a transaction that no other decision of the same course runs beside: once it returns, what this
    /// transaction reads stays true until it commits.
    /// </summary>
    protected abstract Task<DbTransaction> BeginDecisionAsync(DbConnection connection, string courseId, CancellationToken ct);

    public async Task<LeadClaim> ClaimAsync(
        string courseId, string paperKey, LeadStudent student, LeadLimits limits, DateTimeOffset at, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(courseId);
        ArgumentException.ThrowIfNullOrWhiteSpace(paperKey);
        ArgumentNullException.ThrowIfNull(student);
        ArgumentNullException.ThrowIfNull(limits);

        await using var connection = await OpenAsync(ct);
        await using var transaction = await BeginDecisionAsync(connection, courseId, ct);
        var claim = await DecideClaimAsync(transaction, courseId, paperKey, student, limits, at, ct);
        await transaction.CommitAsync(ct);
        return claim;
    }

    private static async Task<LeadClaim> DecideClaimAsync(
        DbTransaction transaction, string courseId, string paperKey, LeadStudent student, LeadLimits limits, DateTimeOffset at, CancellationToken ct)
    {
        var mine = await ScalarAsync(transaction, $"""
            SELECT waitlist_position FROM coursebot_leads WHERE {StudentMatch} AND paper_key = @paper
            """, ct, ("course", courseId), ("platform", student.Platform), ("user", student.UserId), ("paper", paperKey));
        switch (mine)
        {
            case DBNull:
                return new LeadClaim.AlreadyLeading();
            case not null:
                return new LeadClaim.AlreadyWaitlisted(Convert.ToInt32(mine, CultureInfo.InvariantCulture));
        }

        if (!limits.IgnorePerStudent)
        {
            var held = await PaperKeysOfAsync(transaction, courseId, student.Platform, student.UserId, ct);
            if (held.Count >= limits.PerStudent)
            {
                return new LeadClaim.AtMaximum(held);
            }
        }

        long leads, lastPosition;
        await using (var count = Command(transaction, """
            SELECT CAST(COALESCE(SUM(CASE WHEN waitlist_position IS NULL THEN 1 ELSE 0 END), 0) AS BIGINT),
                   CAST(COALESCE(MAX(waitlist_position), 0) AS BIGINT)
            FROM coursebot_leads WHERE course_id = @course AND paper_key = @paper
            """, ("course", courseId), ("paper", paperKey)))
        await using (var reader = await count.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            leads = reader.GetInt64(0);
            lastPosition = reader.GetInt64(1);
        }

        int? position = leads < limits.PerPaper ? null
            : limits.Waitlist ? checked((int)lastPosition + 1)
            : -1;
        if (position == -1)
        {
            return new LeadClaim.Full();
        }

        await using var insert = Command(transaction, $"""
            INSERT INTO coursebot_leads ({Columns})
            VALUES (@course, @paper, @platform, @user, @name, @at, @position)
            """,
            ("course", courseId), ("paper", paperKey), ("platform", student.Platform), ("user", student.UserId),
            ("name", student.DisplayName), ("at", at.ToUnixTimeMilliseconds()));
        AddParameter(insert, "position", position, DbType.Int32);
        await insert.ExecuteNonQueryAsync(ct);
        return position is { } waiting ? new LeadClaim.Waitlisted(waiting) : new LeadClaim.Claimed();
    }

    public async Task<LeadDrop> DropAsync(string courseId, string? paperKey, string platform, string userId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(courseId);
        ArgumentException.ThrowIfNullOrWhiteSpace(platform);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);

        await using var connection = await OpenAsync(ct);
        await using var transaction = await BeginDecisionAsync(connection, courseId, ct);
        var drop = await DecideDropAsync(transaction, courseId, paperKey, platform, userId, ct);
        await transaction.CommitAsync(ct);
        return drop;
    }

    private static async Task<LeadDrop> DecideDropAsync(
        DbTransaction transaction, string courseId, string? paperKey, string platform, string userId, CancellationToken ct)
    {
        string paper;
        int? position;
        // Without a paper: the student's first sign-up, a lead before a waitlist place ("/lead drop" means the paper they lead).
        await using (var find = Command(transaction, $"""
            SELECT paper_key, waitlist_position FROM coursebot_leads
            WHERE {StudentMatch} AND (@paper IS NULL OR paper_key = @paper)
            ORDER BY CASE WHEN waitlist_position IS NULL THEN 0 ELSE 1 END, signed_up_at, paper_key
            LIMIT 1
            """, ("course", courseId), ("platform", platform), ("user", userId), ("paper", paperKey)))
        await using (var reader = await find.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct))
            {
                return new LeadDrop.NotSignedUp();
            }

            paper = reader.GetString(0);
            position = reader.IsDBNull(1) ? null : reader.GetInt32(1);
        }

        await ExecuteAsync(transaction, $"DELETE FROM coursebot_leads WHERE {StudentMatch} AND paper_key = @paper", ct,
            ("course", courseId), ("platform", platform), ("user", userId), ("paper", paper));

        LeadSignup? promoted = null;
        if (position is null)
        {
            // A lead left: the first on the waitlist takes the slot, so the paper keeps as many leads as it had.
            await using (var first = Command(transaction, $"""
                SELECT {Columns} FROM coursebot_leads
                WHERE course_id = @course AND paper_key = @paper AND waitlist_position IS NOT NULL
                ORDER BY waitlist_position LIMIT 1
                """, ("course", courseId), ("paper", paper)))
            await using (var reader = await first.ExecuteReaderAsync(ct))
            {
                if (await reader.ReadAsync(ct))
                {
                    promoted = ReadSignup(reader) with { WaitlistPosition = null };
                }
            }

            if (promoted is not null)
            {
                await ExecuteAsync(transaction, $"UPDATE coursebot_leads SET waitlist_position = NULL WHERE {StudentMatch} AND paper_key = @paper", ct,
                    ("course", courseId), ("platform", promoted.Student.Platform), ("user", promoted.Student.UserId), ("paper", paper));
                position = 1;
            }
        }

        if (position is { } freed)
        {
            // Close the gap the freed place left: the waitlist stays 1, 2, 3, …
            await using var close = Command(transaction, """
                UPDATE coursebot_leads SET waitlist_position = waitlist_position - 1
                WHERE course_id = @course AND paper_key = @paper AND waitlist_position > @freed
                """, ("course", courseId), ("paper", paper));
            AddParameter(close, "freed", freed, DbType.Int32);
            await close.ExecuteNonQueryAsync(ct);
        }

        return new LeadDrop.Dropped(paper, promoted);
    }

    public async Task<IReadOnlyList<LeadSignup>> ListAsync(string courseId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM coursebot_leads WHERE course_id = @course ORDER BY {SignupOrder}";
        AddParameter(command, "course", courseId);
        return await ReadSignupsAsync(command, ct);
    }

    public async Task<IReadOnlyList<LeadSignup>> ReleasePaperAsync(string courseId, string paperKey, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var transaction = await BeginDecisionAsync(connection, courseId, ct);
        await using var select = Command(transaction, $"""
            SELECT {Columns} FROM coursebot_leads WHERE course_id = @course AND paper_key = @paper ORDER BY {SignupOrder}
            """, ("course", courseId), ("paper", paperKey));
        var released = await ReadSignupsAsync(select, ct);
        await ExecuteAsync(transaction, "DELETE FROM coursebot_leads WHERE course_id = @course AND paper_key = @paper", ct,
            ("course", courseId), ("paper", paperKey));
        await transaction.CommitAsync(ct);
        return released;
    }

    public async Task<bool> SetWeekClosedAsync(string courseId, DateOnly week, bool closed, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = closed
            ? """
              INSERT INTO coursebot_lead_weeks (course_id, week, closed_at) VALUES (@course, @week, @at)
              ON CONFLICT (course_id, week) DO NOTHING
              """
            : "DELETE FROM coursebot_lead_weeks WHERE course_id = @course AND week = @week";
        AddParameter(command, "course", courseId);
        AddParameter(command, "week", week.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (closed)
        {
            AddParameter(command, "at", at.ToUnixTimeMilliseconds());
        }

        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<IReadOnlyDictionary<DateOnly, DateTimeOffset>> ClosedWeeksAsync(string courseId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT week, closed_at FROM coursebot_lead_weeks WHERE course_id = @course ORDER BY week";
        AddParameter(command, "course", courseId);
        var weeks = new SortedDictionary<DateOnly, DateTimeOffset>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var week = DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            weeks[week] = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1));
        }

        return weeks;
    }

    private static async Task<IReadOnlyList<string>> PaperKeysOfAsync(
        DbTransaction transaction, string courseId, string platform, string userId, CancellationToken ct)
    {
        await using var command = Command(transaction, $"""
            SELECT paper_key FROM coursebot_leads WHERE {StudentMatch}
            ORDER BY signed_up_at, paper_key
            """, ("course", courseId), ("platform", platform), ("user", userId));
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    private static async Task<List<LeadSignup>> ReadSignupsAsync(DbCommand command, CancellationToken ct)
    {
        var signups = new List<LeadSignup>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            signups.Add(ReadSignup(reader));
        }

        return signups;
    }

    // Columns in the order of the Columns constant.
    private static LeadSignup ReadSignup(DbDataReader row) => new(
        row.GetString(0),
        row.GetString(1),
        new LeadStudent(row.GetString(2), row.GetString(3), row.GetString(4)),
        DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(5)),
        row.IsDBNull(6) ? null : row.GetInt32(6));

    private static async Task<object?> ScalarAsync(
        DbTransaction transaction, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(transaction, sql, parameters);
        return await command.ExecuteScalarAsync(ct);
    }

    private static async Task<int> ExecuteAsync(
        DbTransaction transaction, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(ct);
    }

    private static DbCommand Command(DbTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            AddParameter(command, name, value);
        }

        return command;
    }

    private static void AddParameter(DbCommand command, string name, object? value, DbType nullType = DbType.String)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        if (value is null)
        {
            parameter.DbType = nullType;
        }

        command.Parameters.Add(parameter);
    }
}
