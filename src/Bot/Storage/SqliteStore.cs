using Microsoft.Data.Sqlite;

namespace CourseBot.Bot.Storage;

/// <summary>Opens connections to the bot's SQLite file the way every user of it needs them.</summary>
public static class SqliteStore
{
    /// <summary>How long a writer waits for another connection's lock before failing with "database is locked".</summary>
    public static TimeSpan BusyTimeout { get; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Opens a connection, first refusing with <see cref="StoreGoneException"/> when <paramref name="watch"/> saw the file
    /// deleted or replaced (opening would silently create an empty one).
    /// </summary>
    public static Task<SqliteConnection> OpenAsync(string connectionString, SqliteStoreWatch? watch, CancellationToken ct) =>
        watch?.Problem() is { } problem ? throw new StoreGoneException(problem) : OpenAsync(connectionString, ct);

    /// <summary>Opens a connection with WAL journaling (readers never block the writer) and a busy timeout.</summary>
    public static async Task<SqliteConnection> OpenAsync(string connectionString, CancellationToken ct)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}; PRAGMA journal_mode = WAL;";
            await command.ExecuteNonQueryAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
