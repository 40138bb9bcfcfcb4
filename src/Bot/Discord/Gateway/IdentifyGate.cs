namespace CourseBot.Bot.Discord.Gateway;

/// <summary>
/// Identify at most once per interval, and count identifies over the last 24 hours: Discord allows
/// 1 000 a day and resets the bot's token past that.
/// </summary>
public sealed class IdentifyGate(TimeProvider time, GatewayTimings timings)
{
    private readonly Queue<DateTimeOffset> _recent = new();
    private readonly SemaphoreSlim _one = new(1, 1);
    private DateTimeOffset? _last;

    /// <summary>Identifies in the last 24 hours.</summary>
    public int Count
    {
        get
        {
            lock (_recent)
            {
                Trim();
                return _recent.Count;
            }
        }
    }

    /// <summary>Waits for the next allowed identify and records it; returns the count in the last 24 h.</summary>
    public async Task<int> WaitAsync(CancellationToken cancellationToken)
    {
        await _one.WaitAsync(cancellationToken);
        try
        {
            if (Last() is { } last && time.GetUtcNow() - last < timings.IdentifyInterval)
            {
                await Task.Delay(timings.IdentifyInterval - (time.GetUtcNow() - last), time, cancellationToken);
            }

            lock (_recent)
            {
                _last = time.GetUtcNow();
                _recent.Enqueue(_last.Value);
                Trim();
                return _recent.Count;
            }
        }
        finally
        {
            _one.Release();
        }
    }

    /// <summary>
    /// The Identify went out: the next one waits an interval from now. Connecting takes a varying time after
    /// the gate, and Discord counts Identifies as they arrive, so the interval runs from the send as well.
    /// </summary>
    public void Sent()
    {
        lock (_recent)
        {
            _last = time.GetUtcNow();
        }
    }

    private DateTimeOffset? Last()
    {
        lock (_recent)
        {
            return _last;
        }
    }

    private void Trim()
    {
        var since = time.GetUtcNow() - TimeSpan.FromDays(1);
        while (_recent.Count > 0 && _recent.Peek() < since)
        {
            _recent.Dequeue();
        }
    }
}
