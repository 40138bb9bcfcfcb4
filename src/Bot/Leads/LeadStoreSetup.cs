using CourseBot.Bot.Scheduling;
using CourseBot.Bot.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CourseBot.Bot.Leads;

/// <summary>Registers the sign-up store for the configured database (no settings of its own: it follows <c>Storage</c>).</summary>
public static class LeadStoreSetup
{
    /// <summary>
    /// Registers <see cref="SqlLeadStore"/> and <see cref="ILeadStore"/> beside the posting ledger, in the same
    /// database; <see cref="StorageSchema"/> creates its tables. Called by <c>AddCourseBotStorage</c>.
    /// </summary>
    public static IServiceCollection AddCourseBotLeadStore(this IServiceCollection services)
    {
        services.TryAddSingleton<SqlLeadStore>(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return storage.IsPostgres
                ? new PostgresLeadStore(sp.GetRequiredService<NpgsqlDataSource>())
                : new SqliteLeadStore(QuartzStoreSetup.WithoutCreating(storage.ResolveConnectionString()), sp.GetRequiredService<SqliteStoreWatch>());
        });
        services.TryAddSingleton<ILeadStore>(sp => sp.GetRequiredService<SqlLeadStore>());
        return services;
    }
}
