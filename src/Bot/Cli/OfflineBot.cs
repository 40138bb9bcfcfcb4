using CourseBot.Bot.Hosting;
using CourseBot.Bot.Scheduling;

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
        // appsettings.json ships beside the executable; the working folder keeps data/.
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
        await app.Services.GetRequiredService<StorageSchema>().EnsureCreatedAsync(cancellationToken);
        if (loadCourses)
        {
            await app.Services.GetRequiredService<CourseRefreshService>().RefreshAsync(cancellationToken);
        }

        return new OfflineBot(app);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
