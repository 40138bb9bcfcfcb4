using CourseBot.Bot.Delivery;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Leads;
using CourseBot.Bot.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;
using Quartz.Impl.AdoJobStore;

namespace CourseBot.Bot.Scheduling;

/// <summary>Wires the persistent job store and the posting ledger into the host.</summary>
public static class QuartzStoreSetup
{
    public const string SchedulerName = "CourseBot";

    /// <summary>
    /// Registers <see cref="StorageOptions"/> (validated at start), the posting ledger for the configured
    /// database, and the schema creation that runs before the scheduler starts. Call before
    /// <c>AddQuartzHostedService</c>. A relative data folder is anchored to <paramref name="configDirectory"/>
    /// (<see cref="StorageOptions.AnchorTo"/>); pass Quartz <see cref="StorageOptions.Read"/> with the same folder.
    /// </summary>
    public static IServiceCollection AddCourseBotStorage(this IServiceCollection services, IConfiguration configuration, string configDirectory)
    {
        services.AddCheckedOptions<StorageOptions, StorageOptionsValidator>(configuration.GetSection(StorageOptions.SectionName))
            .PostConfigure(o => o.AnchorTo(configDirectory));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new PostingLedgerOptions());
        services.TryAddSingleton(sp => NpgsqlDataSource.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ResolveConnectionString()));
        services.TryAddSingleton<SqlPostingLedger>(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var time = sp.GetRequiredService<TimeProvider>();
            var ledgerOptions = sp.GetRequiredService<PostingLedgerOptions>();
            return storage.IsPostgres
                ? new PostgresPostingLedger(sp.GetRequiredService<NpgsqlDataSource>(), time, ledgerOptions)
                : new SqlitePostingLedger(WithoutCreating(storage.ResolveConnectionString()), time, ledgerOptions, sp.GetRequiredService<SqliteStoreWatch>());
        });
        services.TryAddSingleton<SqliteStoreWatch>();
        services.TryAddSingleton<StoreHealth>();
        services.TryAddSingleton<IPostingLedger>(sp => sp.GetRequiredService<SqlPostingLedger>());
        services.AddCourseBotLeadStore();
        services.TryAddSingleton<ChangeBaselines>(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return storage.IsPostgres
                ? new PostgresChangeBaselines(sp.GetRequiredService<NpgsqlDataSource>())
                : new SqliteChangeBaselines(WithoutCreating(storage.ResolveConnectionString()), sp.GetRequiredService<SqliteStoreWatch>());
        });
        services.TryAddSingleton<StorageSchema>();
        services.AddHostedService<StorageSchemaInitializer>();
        return services;
    }

    /// <summary>
    /// The ledger opens the file that <see cref="StorageSchema"/> created and never creates one: after the
    /// file is deleted a new connection fails instead of starting an empty ledger.
    /// </summary>
    internal static string WithoutCreating(string connectionString)
    {
        var settings = new SqliteConnectionStringBuilder(connectionString);
        if (settings.Mode == SqliteOpenMode.ReadWriteCreate)
        {
            settings.Mode = SqliteOpenMode.ReadWrite;
        }

        return settings.ToString();
    }

    /// <summary>
    /// Points Quartz at the configured database: SQLite (never clustered — Quartz refuses) or PostgreSQL
    /// (clustered, instance id AUTO, so several copies of the bot share the work and each trigger fires once).
    /// PostgreSQL goes through the <see cref="NpgsqlDataSource"/> that <see cref="AddCourseBotStorage"/> registers
    /// for the ledger, so call that too. Neither path names a driver type: both work in the native build.
    /// </summary>
    /// <param name="clustering">Adjusts cluster check-in timing (tests shorten it); PostgreSQL only.</param>
    public static void UseCourseBotStore(
        this IQuartzBuilder quartz, StorageOptions storage, Action<ClusteringOptions>? clustering = null)
    {
        var validation = new StorageOptionsValidator().Validate(null, storage);
        if (validation.Failed)
        {
            throw new OptionsValidationException(StorageOptions.SectionName, typeof(StorageOptions), validation.Failures);
        }

        if (storage.IsPostgres)
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = SchedulerName;
                scheduler.InstanceId = "AUTO";
            });
            quartz.UsePersistentStore(store =>
            {
                store.ConfigureStore(ado => ado.StoreJobDataAsStrings = true);
                // The ledger's NpgsqlDataSource (one pool for both), reached without naming a driver type:
                // UsePostgres(connectionString) looks Npgsql's types up by name, which a native build cannot.
                store.UseDriverDelegate<PostgreSQLDelegate>();
                store.UseDataSource(source =>
                {
                    source.Provider = DataSourceOptions.Providers.Npgsql;
                    source.DataSourceFactory = services => services.GetRequiredService<NpgsqlDataSource>();
                });
                store.UseSystemTextJsonSerializer();
                store.UseClustering(c => clustering?.Invoke(c));
            });
        }
        else
        {
            quartz.ConfigureScheduler(scheduler => scheduler.InstanceName = SchedulerName);
            quartz.UsePersistentStore(store =>
            {
                store.ConfigureStore(ado => ado.StoreJobDataAsStrings = true);
                // Through the driver's factory, not by type name (which a native build cannot resolve).
                store.UseSqlite(SqliteFactory.Instance, storage.ResolveConnectionString());
                store.UseSystemTextJsonSerializer();
            });
        }
    }
}
