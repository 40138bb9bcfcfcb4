using CourseBot.Bot.Tests.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Leads.EndToEnd;

/// <summary>
/// A fake clock that counts the timers code creates on it, by how long they wait, without consuming them (unlike
/// <see cref="TimerSignals"/>): a test can wait for several loops to be asleep at once, and step time through a
/// platform's "later" while other loops keep their own timers.
/// </summary>
internal sealed class CountingClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _created = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        lock (_gate)
        {
            _created.Add(dueTime);
        }

        return timer;
    }

    /// <summary>How many timers waiting exactly <paramref name="due"/> were created so far.</summary>
    public int Created(TimeSpan due)
    {
        lock (_gate)
        {
            return _created.Count(d => d == due);
        }
    }

    /// <summary>Waits until <paramref name="count"/> timers waiting <paramref name="due"/> have been created in all.</summary>
    public Task WaitForTimersAsync(TimeSpan due, int count) =>
        Eventually.WaitUntilAsync(() => Created(due) >= count, $"{count} timers of {due}");

    /// <summary>Each time code starts waiting <paramref name="step"/>, lets that time pass, until <paramref name="done"/> completes; returns how many steps.</summary>
    public async Task<int> AdvanceWhileWaitingAsync(TimeSpan step, Task done)
    {
        var steps = 0;
        var seen = Created(step);
        while (true)
        {
            await Eventually.WaitUntilAsync(() => done.IsCompleted || Created(step) > seen, $"a wait of {step} or the end");
            if (done.IsCompleted)
            {
                await done;
                return steps;
            }

            seen++;
            steps++;
            Advance(step);
        }
    }
}
