using CourseBot.Bot.Leads;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CourseBot.Bot.Storage;

/// <summary>Creates everything the bot stores — Quartz's tables and the posting ledger — in the configured database.</summary>
public sealed partial class StorageSchema(IOptions<StorageOptions> options, IServiceProvider services, Microsoft.Extensions.Logging.ILogger<StorageSchema> logger)
{
    /// <summary>Where the store is, for messages: the SQLite file's path, or PostgreSQL's host and database (never the password).</summary>
    public string Location
    {
        get
        {
            var storage = options.Value;
            if (!storage.IsPostgres)
            {
                return storage.SqliteFile is { } file ? $"SQLite file {file}" : "SQLite (in memory)";
            }

            var settings = new NpgsqlConnectionStringBuilder(storage.ResolveConnectionString());
            return $"PostgreSQL database {settings.Database} on {settings.Host}:{settings.Port}";
        }
    }

    /// <summary>
    /// Whether the store has been created (by <c>coursebot run</c> or an earlier command), without creating
    /// anything: the SQLite file exists, or PostgreSQL has the ledger table.
    /// </summary>
    public async Task<bool> ExistsAsync(CancellationToken ct)
    {
        var storage = options.Value;
        if (!storage.IsPostgres)
        {
            return storage.SqliteFile is not { } file || File.Exists(file);
        }

        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        await using var command = dataSource.CreateCommand("SELECT to_regclass('coursebot_posts') IS NOT NULL");
        return await command.ExecuteScalarAsync(ct) is true;
    }

    public async Task EnsureCreatedAsync(CancellationToken ct)
    {
        var storage = options.Value;
        if (storage.IsPostgres)
        {
            var dataSource = (NpgsqlDataSource?)services.GetService(typeof(NpgsqlDataSource))
                ?? throw new InvalidOperationException("NpgsqlDataSource is not registered; call AddCourseBotStorage.");
            await QuartzSchema.CreatePostgresAsync(dataSource, ct);
        }
        else
        {
            if (storage.SqliteFile is { } file && Path.GetDirectoryName(file) is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
            }

            await QuartzSchema.CreateSqliteAsync(storage.ResolveConnectionString(), ct);
        }

        var ledger = (SqlPostingLedger?)services.GetService(typeof(SqlPostingLedger))
            ?? throw new InvalidOperationException("The posting ledger is not registered; call AddCourseBotStorage.");
        await ledger.EnsureSchemaAsync(ct);
        // The discussion-lead sign-ups live beside the ledger, in the same database (docs/leads.md).
        await services.GetRequiredService<SqlLeadStore>().EnsureSchemaAsync(ct);
        // The baseline of the "what changed" notice too (docs/delivery.md, Edits).
        await services.GetRequiredService<ChangeBaselines>().EnsureSchemaAsync(ct);
        if (storage.SqliteFile is { } watched)
        {
            services.GetRequiredService<SqliteStoreWatch>().Watch(watched);
        }

        Created(logger, Location);
    }

    [Microsoft.Extensions.Logging.LoggerMessage(EventId = 4101, Level = Microsoft.Extensions.Logging.LogLevel.Information,
        Message = "Storage ready ({Location}): Quartz tables and posting ledger")]
    private static partial void Created(Microsoft.Extensions.Logging.ILogger logger, string location);
}
