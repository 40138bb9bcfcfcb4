using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Testing;

/// <summary>
/// A fake clock that tells when code starts waiting on it, so a test advances time exactly when the
/// code under test waits (a deadline, a settle delay) instead of guessing with sleeps.
/// </summary>
internal sealed class TimerSignals : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _created = Channel.CreateUnbounded<TimeSpan>();

    public TimerSignals()
    {
    }

    public TimerSignals(DateTimeOffset start)
        : base(start)
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _created.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Waits until a timer due after <paramref name="due"/> is created (earlier other timers are passed over).</summary>
    public async Task WaitForTimerAsync(TimeSpan due, CancellationToken cancellationToken = default)
    {
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        guard.CancelAfter(TimeSpan.FromSeconds(15));
        while (await _created.Reader.ReadAsync(guard.Token) != due)
        {
        }
    }

    /// <summary>Each time code waits <paramref name="due"/>, lets that time pass, until <paramref name="done"/> completes.</summary>
    public async Task AdvanceWhileWaitingAsync(TimeSpan due, Task done)
    {
        using var stop = new CancellationTokenSource();
        while (!done.IsCompleted)
        {
            var timer = WaitForTimerAsync(due, stop.Token);
            if (await Task.WhenAny(done, timer) == timer)
            {
                await timer;
                Advance(due);
            }
        }

        await stop.CancelAsync();
        await done;
    }
}
