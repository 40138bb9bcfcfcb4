using System.Collections.Concurrent;

namespace CourseBot.Bot.Tests.Scheduling;

/// <summary>Which trigger fired on which scheduler instance; shared by every host in a test.</summary>
public sealed class FiringLog
{
    private readonly ConcurrentQueue<(string Trigger, string Instance)> _firings = new();
    private readonly SemaphoreSlim _noted = new(0);

    public IReadOnlyList<(string Trigger, string Instance)> Firings => [.. _firings];

    public void Note(string trigger, string instance)
    {
        _firings.Enqueue((trigger, instance));
        _noted.Release();
    }

    /// <summary>Waits until <paramref name="count"/> firings have been noted, or fails after a generous real-time limit.</summary>
    public async Task WaitForAsync(int count, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        for (var seen = 0; seen < count; seen++)
        {
            await _noted.WaitAsync(timeout.Token);
        }
    }
}
