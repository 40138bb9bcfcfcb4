using System.Collections.Concurrent;
using CourseBot.Bot.Discord.Rest;
using CourseBot.Bot.Slack;

namespace CourseBot.Bot.Hosting;

/// <summary>
/// The one owner of work that outlives what started it: an answer finished after its acknowledgement, a
/// follow-up, a Home tab published after the event was acknowledged. Every failure is logged with what the
/// work was; what is still running shows in <c>/readyz</c>; stopping the bot waits for it until the host's
/// shutdown timeout, and only then cancels <see cref="Abandoned"/>.
/// </summary>
public sealed partial class BackgroundWork(ILogger<BackgroundWork> logger) : IHostedService, IDisposable
{
    /// <summary>Key: the watch over one piece of work (it never throws); value: what the work is.</summary>
    private readonly ConcurrentDictionary<Task, string> _inFlight = new();

    private readonly CancellationTokenSource _abandoned = new();

    private int _disposed;

    /// <summary>
    /// The token for tracked work, in place of <c>ApplicationStopping</c>: cancelled only when the bot stops
    /// waiting for it (the shutdown timeout), so an answer being finished at SIGTERM is still sent.
    /// </summary>
    public CancellationToken Abandoned => _abandoned.Token;

    /// <summary>How many tracked pieces of work are still running.</summary>
    public int InFlight => _inFlight.Count;

    /// <summary>Owns <paramref name="work"/> from here: its failure is logged as "<paramref name="what"/> failed", and stopping waits for it.</summary>
    /// <param name="what">What the work does, as the log should say it ("Slack: publishing the Home tab").</param>
    public void Track(Task work, string what)
    {
        if (work.IsCompletedSuccessfully)
        {
            return;
        }

        var watch = WatchAsync(work, what);
        _inFlight.TryAdd(watch, what);
        // Added before removal is arranged, so a watch that has already finished is removed at once.
        watch.ContinueWith(done => _inFlight.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Waits for the tracked work until <paramref name="cancellationToken"/> (the host's shutdown timeout)
    /// ends the wait; then says what was cut short and cancels <see cref="Abandoned"/>.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Running work may still add more (an answer's follow-ups): wait until none is left.
            while (_inFlight.Keys.Where(watch => !watch.IsCompleted).ToArray() is { Length: > 0 } running)
            {
                await Task.WhenAll(running).WaitAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogAbandoned(_inFlight.Count, string.Join("; ", _inFlight.Values.Order(StringComparer.Ordinal)));
            await _abandoned.CancelAsync();
        }
    }

    public void Dispose()
    {
        // The container disposes it twice: registered as itself and as a hosted service.
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _abandoned.Cancel();
            _abandoned.Dispose();
        }
    }

    /// <summary>Waits for one piece of work and logs how it ended; never throws.</summary>
    private async Task WatchAsync(Task work, string what)
    {
        try
        {
            await work;
        }
        catch (OperationCanceledException) when (_abandoned.IsCancellationRequested)
        {
            LogCutShort(what);
        }
        catch (Exception e) when (IsPlatformRefusal(e))
        {
            // A platform refused or could not be reached: its message says what to do; the trace only at Debug.
            LogFailed(what, e.Message);
            LogFailureDetails(e, what);
        }
        catch (Exception e)
        {
            LogCrashed(e, what);
        }
    }

    private static bool IsPlatformRefusal(Exception e) =>
        e is SlackApiException or SlackUnavailableException or DiscordApiException or DiscordUnavailableException;

    [LoggerMessage(Level = LogLevel.Error, Message = "{What} failed: {Problem}")]
    private partial void LogFailed(string what, string problem);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{What} failed")]
    private partial void LogFailureDetails(Exception exception, string what);

    [LoggerMessage(Level = LogLevel.Error, Message = "{What} failed unexpectedly")]
    private partial void LogCrashed(Exception exception, string what);

    [LoggerMessage(Level = LogLevel.Information, Message = "{What} stopped: the bot is shutting down")]
    private partial void LogCutShort(string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopped waiting at the shutdown timeout for {Count} unfinished task(s): {What}")]
    private partial void LogAbandoned(int count, string what);
}
