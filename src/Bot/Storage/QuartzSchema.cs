using Microsoft.Data.Sqlite;
using Npgsql;

namespace CourseBot.Bot.Storage;

/// <summary>
/// Creates the QRTZ_* tables Quartz's ADO job store expects (Quartz does not create them unless asked).
/// The scripts are embedded resources (Storage/Schema/quartz_*.sql) made of IF NOT EXISTS statements.
/// </summary>
public static class QuartzSchema
{
    public static async Task CreateSqliteAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = await SqliteStore.OpenAsync(connectionString, ct);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = await ReadScriptAsync("quartz_sqlite.sql", ct);
        await command.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    }

    public static async Task CreatePostgresAsync(NpgsqlDataSource dataSource, CancellationToken ct) =>
        await PostgresStore.RunExclusiveAsync(dataSource, await ReadScriptAsync("quartz_postgres.sql", ct), ct);

    private static async Task<string> ReadScriptAsync(string name, CancellationToken ct)
    {
        var resource = $"CourseBot.Bot.Storage.Schema.{name}";
        await using var stream = typeof(QuartzSchema).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource {resource} is missing from the build.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(ct);
    }
}
