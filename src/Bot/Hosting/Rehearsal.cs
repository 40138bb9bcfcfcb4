
namespace CourseBot.Bot.Hosting;

/// <summary>
/// <c>coursebot run --at</c>: the bot as it would be at <see cref="Start"/>, for trying a course whose
/// term is not now. Its clock starts there and runs on in real time; its posts go to the console only and
/// its ledger and scheduler live in <see cref="DataDirectory"/>, never in the real store or on a real platform.
/// </summary>
/// <param name="Start">The moment the bot's clock starts at.</param>
/// <param name="DataDirectory">A folder of its own for the SQLite store (a fresh one per run).</param>
public sealed record Rehearsal(DateTimeOffset Start, string DataDirectory)
{
    /// <summary>Settings that win over every other source: no platform tokens, SQLite in <see cref="DataDirectory"/>.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Discord:BotToken", ""),
        new("Slack:BotToken", ""),
        new("Slack:AppToken", ""),
        new("Storage:Provider", "sqlite"),
        new("Storage:ConnectionString", ""),
        new("Storage:DataDirectory", DataDirectory),
    ];
}

/// <summary>Says at start-up that this is a rehearsal, and that platform tokens are being ignored.</summary>
internal sealed partial class RehearsalNotice(Rehearsal rehearsal, bool tokensIgnored, ILogger<RehearsalNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogRehearsal(rehearsal.Start, rehearsal.DataDirectory);
        if (tokensIgnored)
        {
            LogTokensIgnored();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "--at: the bot's clock starts at {Start:yyyy-MM-dd HH:mm zzz} and runs on in real time; posts go to this console and to a throw-away store ({DataDirectory}) only")]
    private partial void LogRehearsal(DateTimeOffset start, string dataDirectory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "--at: the Discord and Slack tokens are ignored, so nothing is posted to a real platform; run without --at to serve them")]
    private partial void LogTokensIgnored();
}
