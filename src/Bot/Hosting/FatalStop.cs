namespace CourseBot.Bot.Hosting;

/// <summary>
/// Stops the bot for a problem that retrying cannot fix (a platform refused the token, Socket Mode was
/// switched off): logs why, stops the host, and gives <c>coursebot run</c> its exit code.
/// </summary>
public sealed partial class FatalStop(IHostApplicationLifetime lifetime, ILogger<FatalStop> logger)
{
    /// <summary>The exit code <c>coursebot run</c> ends with when a platform stopped the bot.</summary>
    public const int PlatformRefused = 3;

    private string? _reason;

    /// <summary>Why the bot was stopped, or <see langword="null"/> while it runs.</summary>
    public string? Reason => Volatile.Read(ref _reason);

    public int ExitCode => Reason is null ? 0 : PlatformRefused;

    /// <summary>Records the first reason (later ones are consequences) and stops the host.</summary>
    public void Stop(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (Interlocked.CompareExchange(ref _reason, reason, null) is null)
        {
            LogStopping(reason);
            lifetime.StopApplication();
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Stopping: {Reason}")]
    private partial void LogStopping(string reason);
}
