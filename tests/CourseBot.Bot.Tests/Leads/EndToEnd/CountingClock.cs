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

    /// <summary>How many timers were created so far: a mark to look for timers created after it.</summary>
    public int Mark()
    {
        lock (_gate)
        {
            return _created.Count;
        }
    }

    /// <summary>Waits until <paramref name="count"/> timers whose wait fits <paramref name="fits"/> are created after <paramref name="mark"/>.</summary>
    public Task WaitForTimersAsync(Func<TimeSpan, bool> fits, int count, int mark, string what) =>
        Eventually.WaitUntilAsync(() => Since(mark).Count(fits) >= count, what);

    /// <summary>
    /// Each time code starts waiting <paramref name="step"/> (counting from <paramref name="mark"/>, taken before the
    /// waits could start), lets that time pass, until <paramref name="done"/> completes; returns how many steps.
    /// </summary>
    public async Task<int> AdvanceWhileWaitingAsync(TimeSpan step, Task done, int mark)
    {
        var steps = 0;
        while (true)
        {
            await Eventually.WaitUntilAsync(() => done.IsCompleted || Since(mark).Count(d => d == step) > steps, $"a wait of {step} or the end");
            if (done.IsCompleted)
            {
                await done;
                return steps;
            }

            steps++;
            Advance(step);
        }
    }

    private TimeSpan[] Since(int mark)
    {
        lock (_gate)
        {
            return [.. _created.Skip(mark)];
        }
    }
}
