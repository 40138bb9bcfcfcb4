using CourseBot.Bot.Tests.Testing;

namespace CourseBot.Bot.Tests.Running;

/// <summary><c>coursebot leads …</c> processes on one config folder and store (SQLite beside it, or the environment's PostgreSQL).</summary>
internal sealed class LeadsProcesses(string work, string config, IReadOnlyDictionary<string, string> environment)
{
    /// <summary>What <c>coursebot run</c> does first on this config folder and settings: it creates the store the verbs use.</summary>
    public async Task CreateStoreAsync(IDictionary<string, string?> settings)
    {
        var (app, _) = await InProcessBot.StartAsync(settings, config);
        await app.StopAsync();
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    /// <summary>Starts <c>coursebot leads ARGS --config DIR</c> (logs at warning level, on stderr).</summary>
    public WatchedProcess Start(params string[] args)
    {
        var settings = new Dictionary<string, string>(environment) { ["Logging__LogLevel__Default"] = "Warning" };
        return BotProcess.Start(work, settings, ["leads", .. args, "--config", config]);
    }

    public async Task<Result> RunAsync(params string[] args)
    {
        using var process = Start(args);
        await process.WaitForExitAsync();
        return new Result(process.ExitCode, process.Output, process.Error, process.Described("ended"));
    }

    /// <param name="Described">The command line and everything printed, for a failure message.</param>
    public sealed record Result(int ExitCode, string Output, string Error, string Described);
}
