namespace CourseBot.Bot.Scheduling;

/// <summary>
/// Where the bot keeps Quartz's job store and the posting ledger (configuration section "Storage").
/// SQLite by default: a file in <see cref="DataDirectory"/>, no setup. PostgreSQL for several copies of the bot.
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";
    public const string SqliteFileName = "coursebot.db";

    /// <summary>"sqlite" (default) or "postgres".</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>Required for PostgreSQL (an Npgsql connection string); optional for SQLite, which defaults to a file in <see cref="DataDirectory"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The folder for the SQLite file.</summary>
    public string DataDirectory { get; set; } = "data";

    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);

    /// <summary>The connection string to use: the configured one, or for SQLite the file in <see cref="DataDirectory"/>.</summary>
    public string ResolveConnectionString() =>
        !string.IsNullOrWhiteSpace(ConnectionString) ? ConnectionString
        : IsPostgres ? throw new InvalidOperationException("Storage:ConnectionString is required when Storage:Provider is 'postgres'.")
        : $"Data Source={Path.Combine(DataDirectory, SqliteFileName)}";
}
