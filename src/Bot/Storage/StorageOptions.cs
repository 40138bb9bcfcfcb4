using CourseBot.Bot.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace CourseBot.Bot.Storage;

/// <summary>
/// Where the bot keeps Quartz's job store and the posting ledger (configuration section "Storage").
/// SQLite by default: a file in <see cref="DataDirectory"/>, no setup. PostgreSQL for several copies of the bot.
/// </summary>
public sealed class StorageOptions : ISettingsSection
{
    public const string SectionName = "Storage";
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";
    public const string SqliteFileName = "coursebot.db";

    /// <summary>"sqlite" (default) or "postgres".</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>Required for PostgreSQL (an Npgsql connection string); optional for SQLite, which defaults to a file in <see cref="DataDirectory"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The folder for the SQLite file. A relative folder is relative to the folder that holds the config
    /// folder (see <see cref="AnchorTo"/>), never to the working folder.
    /// </summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The SQLite file's full path; null for PostgreSQL or an in-memory SQLite database.</summary>
    public string? SqliteFile =>
        IsPostgres ? null
        : !string.IsNullOrWhiteSpace(ConnectionString) ? SqliteFileOf(ConnectionString)
        : Path.Combine(DataDirectory, SqliteFileName);

    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The "Storage" settings of <paramref name="configuration"/> anchored to <paramref name="configDirectory"/>,
    /// so <c>run</c>, <c>posts</c> and <c>announce</c> find the same store wherever they are started.
    /// </summary>
    public static StorageOptions Read(IConfiguration configuration, string configDirectory)
    {
        var options = SettingsCheck.Read<StorageOptions>(configuration.GetSection(SectionName));
        options.AnchorTo(configDirectory);
        return options;
    }

    /// <summary>
    /// Makes a relative <see cref="DataDirectory"/> (and a relative SQLite <c>Data Source</c>) absolute,
    /// relative to the parent of <paramref name="configDirectory"/>: the default store of <c>./config</c>
    /// is <c>./data/coursebot.db</c>. Why not the working folder: the same course run from two folders
    /// would get two ledgers, and post everything twice.
    /// </summary>
    public void AnchorTo(string configDirectory)
    {
        var config = Path.TrimEndingDirectorySeparator(Path.GetFullPath(configDirectory));
        var root = Path.GetDirectoryName(config) ?? config;
        if (!string.IsNullOrWhiteSpace(DataDirectory))
        {
            DataDirectory = Path.GetFullPath(DataDirectory, root);
        }

        if (!IsPostgres && !string.IsNullOrWhiteSpace(ConnectionString) && SqliteFileOf(ConnectionString) is { } file
            && !Path.IsPathRooted(file))
        {
            ConnectionString = new SqliteConnectionStringBuilder(ConnectionString) { DataSource = Path.GetFullPath(file, root) }.ToString();
        }
    }

    /// <summary>The connection string to use: the configured one, or for SQLite the file in <see cref="DataDirectory"/>.</summary>
    public string ResolveConnectionString() =>
        !string.IsNullOrWhiteSpace(ConnectionString) ? ConnectionString
        : IsPostgres ? throw new InvalidOperationException("Storage:ConnectionString is required when Storage:Provider is 'postgres'.")
        : $"Data Source={Path.Combine(DataDirectory, SqliteFileName)}";

    private static string? SqliteFileOf(string connectionString)
    {
        try
        {
            var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
            return string.IsNullOrEmpty(source) || source == ":memory:" || source.StartsWith("file:", StringComparison.Ordinal) ? null : source;
        }
        catch (ArgumentException)
        {
            // Not a SQLite connection string; StorageOptionsValidator reports what is wrong with it.
            return null;
        }
    }

    public void ReadFrom(SettingValues values)
    {
        Provider = values.Text(nameof(Provider), Provider)!;
        ConnectionString = values.Text(nameof(ConnectionString), ConnectionString);
        DataDirectory = values.Text(nameof(DataDirectory), DataDirectory)!;
    }
}
