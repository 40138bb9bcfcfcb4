using System.Data.Common;
using System.Security.Cryptography;
using System.Text;

namespace CourseBot.Bot.Calendar;

/// <summary>
/// Personal feed tokens in the bot's store (the ledger's database, created with the ledger). A token is
/// HMAC-SHA256 over (course, platform, user, generation) under a 256-bit key drawn once from
/// <see cref="RandomNumberGenerator"/> and kept in the store: so it is unguessable, and the same every time a
/// student asks, on every node, without the store keeping the token itself. Each row keeps only the token's
/// SHA-256, which is what a request's token is looked up by: the database compares hashes, never secrets.
/// </summary>
/// <remarks>
/// Whoever can read the store can make any token (the key is there); they can read the sign-ups themselves too.
/// A copy of the token table alone gives no address.
/// </remarks>
public sealed class SqlCalendarTokens(Func<CancellationToken, Task<DbConnection>> open, TimeProvider time) : ICalendarTokens
{
    /// <summary>The tables, in the SQL common to SQLite and PostgreSQL; created in the ledger's schema step.</summary>
    public const string TableDefinition = """
        CREATE TABLE IF NOT EXISTS coursebot_calendar_tokens (
          course_id  TEXT    NOT NULL,
          platform   TEXT    NOT NULL,
          user_id    TEXT    NOT NULL,
          token_hash TEXT    NOT NULL,
          generation INTEGER NOT NULL,
          created_at BIGINT  NOT NULL,
          PRIMARY KEY (course_id, platform, user_id)
        );
        CREATE UNIQUE INDEX IF NOT EXISTS coursebot_calendar_tokens_hash ON coursebot_calendar_tokens (token_hash);
        CREATE TABLE IF NOT EXISTS coursebot_calendar_key (
          id         INTEGER NOT NULL PRIMARY KEY,
          secret     TEXT    NOT NULL,
          created_at BIGINT  NOT NULL
        )
        """;

    /// <summary>A token's length: 32 bytes of HMAC in unpadded base64url.</summary>
    public const int TokenLength = 43;

    private byte[]? _key;

    public async Task<string> TokenForAsync(string courseId, string platform, string userId, CancellationToken ct)
    {
        await using var connection = await open(ct);
        var key = await KeyAsync(connection, ct);
        var generation = await GenerationAsync(connection, courseId, platform, userId, ct);
        if (generation is { } known)
        {
            return Token(key, courseId, platform, userId, known);
        }

        var token = Token(key, courseId, platform, userId, 0);
        // Two nodes answering the same student at once make the same token: whichever inserts first, it is this one.
        await SqlCalendarRevisions.ExecuteAsync(connection, """
            INSERT INTO coursebot_calendar_tokens (course_id, platform, user_id, token_hash, generation, created_at)
            VALUES (@course, @platform, @user, @hash, 0, @now)
            ON CONFLICT (course_id, platform, user_id) DO NOTHING
            """, ct, ("course", courseId), ("platform", platform), ("user", userId), ("hash", Hash(token)), ("now", time.GetUtcNow().ToUnixTimeMilliseconds()));
        return await GenerationAsync(connection, courseId, platform, userId, ct) is { } stored && stored != 0
            ? Token(key, courseId, platform, userId, stored)
            : token;
    }

    public async Task<string> RenewAsync(string courseId, string platform, string userId, CancellationToken ct)
    {
        // Made first if the student never asked, so there is a row to move on.
        await TokenForAsync(courseId, platform, userId, ct);
        await using var connection = await open(ct);
        var key = await KeyAsync(connection, ct);
        var generation = await GenerationAsync(connection, courseId, platform, userId, ct) ?? 0;
        var token = Token(key, courseId, platform, userId, generation + 1);
        // From the generation read: of two renewals at once, one moves the row and both answer with its token.
        await SqlCalendarRevisions.ExecuteAsync(connection, """
            UPDATE coursebot_calendar_tokens SET token_hash = @hash, generation = @next
            WHERE course_id = @course AND platform = @platform AND user_id = @user AND generation = @current
            """, ct, ("hash", Hash(token)), ("next", generation + 1), ("course", courseId), ("platform", platform), ("user", userId), ("current", generation));
        var now = await GenerationAsync(connection, courseId, platform, userId, ct) ?? generation + 1;
        return Token(key, courseId, platform, userId, now);
    }

    public async Task<CalendarTokenOwner?> FindAsync(string courseId, string token, CancellationToken ct)
    {
        // No early return for a malformed token: it is hashed and looked up like any other (and found by none).
        var hash = Hash(token);
        await using var connection = await open(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT platform, user_id FROM coursebot_calendar_tokens WHERE course_id = @course AND token_hash = @hash";
        SqlCalendarRevisions.AddParameter(command, "course", courseId);
        SqlCalendarRevisions.AddParameter(command, "hash", hash);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var found = await reader.ReadAsync(ct) ? new CalendarTokenOwner(reader.GetString(0), reader.GetString(1)) : null;
        return IsWellFormed(token) ? found : null;
    }

    /// <summary>43 characters of base64url, as <see cref="Token"/> writes them.</summary>
    public static bool IsWellFormed(string token) =>
        token.Length == TokenLength && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>The hex SHA-256 a token is stored and looked up by.</summary>
    internal static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Token(byte[] key, string courseId, string platform, string userId, int generation)
    {
        var message = Encoding.UTF8.GetBytes($"{courseId}\n{platform}\n{userId}\n{generation.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        return Convert.ToBase64String(HMACSHA256.HashData(key, message)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static async Task<int?> GenerationAsync(DbConnection connection, string courseId, string platform, string userId, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT generation FROM coursebot_calendar_tokens WHERE course_id = @course AND platform = @platform AND user_id = @user";
        SqlCalendarRevisions.AddParameter(command, "course", courseId);
        SqlCalendarRevisions.AddParameter(command, "platform", platform);
        SqlCalendarRevisions.AddParameter(command, "user", userId);
        return await command.ExecuteScalarAsync(ct) is { } value and not DBNull
            ? Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)
            : null;
    }

    /// <summary>The store's token key: made once (whichever node inserts first), then read and kept for the process.</summary>
    private async Task<byte[]> KeyAsync(DbConnection connection, CancellationToken ct)
    {
        if (_key is { } known)
        {
            return known;
        }

        // A security key: RandomNumberGenerator (a CSPRNG), not the injected Jitter, which is for retry timing.
        var fresh = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await SqlCalendarRevisions.ExecuteAsync(connection, """
            INSERT INTO coursebot_calendar_key (id, secret, created_at) VALUES (1, @secret, @now)
            ON CONFLICT (id) DO NOTHING
            """, ct, ("secret", fresh), ("now", time.GetUtcNow().ToUnixTimeMilliseconds()));
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT secret FROM coursebot_calendar_key WHERE id = 1";
        var stored = await command.ExecuteScalarAsync(ct) as string
            ?? throw new InvalidOperationException("The calendar token key vanished from the store right after it was written.");
        _key = Convert.FromHexString(stored);
        return _key;
    }
}
