using CourseBot.Bot.Hosting;
using CourseBot.Bot.Storage;

namespace CourseBot.Bot.Cli;

/// <summary>
/// The bot's services without running it, for verbs that act once (announce, posts): same configuration,
/// same storage and ledger, same platform deliveries as <c>coursebot run</c>.
/// </summary>
internal sealed class OfflineBot : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OfflineBot(WebApplication app) => _app = app;

    public IServiceProvider Services => _app.Services;

    /// <summary>The bot's services, or null (after listing every problem on <paramref name="error"/>) when the settings are bad.</summary>
    public static async Task<OfflineBot?> StartAsync(string configDirectory, bool loadCourses, TextWriter error, CancellationToken cancellationToken)
    {
        // appsettings.json ships beside the executable; the store is found from the config folder (StorageOptions.AnchorTo).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        var problems = SettingsCheck.Problems(builder.Configuration);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                error.WriteLine($"error: {problem}");
            }

            return null;
        }

        builder.AddCourseBotServices(configDirectory);
        var app = builder.Build();
        // Say which store is read, and never create an empty one: that would show "No posts yet" and
        // let announce post again what the bot already posted from its own store.
        var schema = app.Services.GetRequiredService<StorageSchema>();
        error.WriteLine($"store: {schema.Location}");
        bool exists;
        try
        {
            exists = await schema.ExistsAsync(cancellationToken);
        }
        catch (System.Data.Common.DbException e)
        {
            error.WriteLine($"error: cannot reach {schema.Location}: {e.Message}");
            await app.DisposeAsync();
            return null;
        }

        if (!exists)
        {
            error.WriteLine($"error: {schema.Location} does not exist; nothing was read or created. The store of config folder "
                + $"{configDirectory} is the data/ folder beside it (`coursebot run --config {configDirectory}` creates it). If the bot "
                + "keeps its store elsewhere, set Storage__DataDirectory to that folder (absolute, or relative to the config folder's "
                + "parent) or Storage__ConnectionString.");
            await app.DisposeAsync();
            return null;
        }

        await schema.EnsureCreatedAsync(cancellationToken);
        if (loadCourses)
        {
            await app.Services.GetRequiredService<CourseRefreshService>().RefreshAsync(cancellationToken);
        }

        return new OfflineBot(app);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
