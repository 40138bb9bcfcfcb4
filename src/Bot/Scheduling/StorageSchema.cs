using Microsoft.Extensions.Options;
using Npgsql;

namespace CourseBot.Bot.Scheduling;

/// <summary>Creates everything the bot stores — Quartz's tables and the posting ledger — in the configured database.</summary>
public sealed partial class StorageSchema(IOptions<StorageOptions> options, IServiceProvider services, Microsoft.Extensions.Logging.ILogger<StorageSchema> logger)
{
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
            if (string.IsNullOrWhiteSpace(storage.ConnectionString))
            {
                Directory.CreateDirectory(storage.DataDirectory);
            }

            await QuartzSchema.CreateSqliteAsync(storage.ResolveConnectionString(), ct);
        }

        var ledger = (SqlPostingLedger?)services.GetService(typeof(SqlPostingLedger))
            ?? throw new InvalidOperationException("The posting ledger is not registered; call AddCourseBotStorage.");
        await ledger.EnsureSchemaAsync(ct);
        Created(logger, storage.Provider);
    }

    [Microsoft.Extensions.Logging.LoggerMessage(EventId = 4101, Level = Microsoft.Extensions.Logging.LogLevel.Information,
        Message = "Storage schema ready ({Provider}): Quartz tables and posting ledger")]
    private static partial void Created(Microsoft.Extensions.Logging.ILogger logger, string provider);
}
