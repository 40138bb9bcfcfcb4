using System.Collections.Concurrent;
using CourseBot.Bot.Tests.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Http;

/// <summary>
/// A fake clock that also tells which waits are pending: a test advances it only once the wait it
/// means to end has begun (advancing earlier would start that wait later, and the test would hang).
/// </summary>
public sealed class WatchedClock() : FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero))
{
    private readonly ConcurrentQueue<TimeSpan> _waits = new();

    /// <summary>Every wait started on this clock, in order, by its length.</summary>
    public IReadOnlyCollection<TimeSpan> Waits => _waits;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Watched(base.CreateTimer(callback, state, dueTime, period), _waits);
        _waits.Enqueue(dueTime);
        return timer;
    }

    /// <summary>Waits (in real time, briefly) until a wait of <paramref name="length"/> has started on this clock.</summary>
    public Task WaitStartedAsync(TimeSpan length, int count = 1) =>
        Eventually.WaitForAsync(() => _waits.Count(w => w == length) >= count ? "" : null, $"a wait of {length.TotalMilliseconds} ms to start");

    /// <summary>A timer started later (<c>CancelAfter</c> on a pooled token source) counts from when it is changed.</summary>
    private sealed class Watched(ITimer timer, ConcurrentQueue<TimeSpan> waits) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = timer.Change(dueTime, period);
            waits.Enqueue(dueTime);
            return changed;
        }

        public void Dispose() => timer.Dispose();

        public ValueTask DisposeAsync() => timer.DisposeAsync();
    }
}
