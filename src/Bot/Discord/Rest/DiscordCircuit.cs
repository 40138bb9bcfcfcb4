namespace CourseBot.Bot.Discord.Rest;

/// <summary>
/// Stops hammering Discord after repeated failures (5xx, timeouts, a refused token): after
/// <see cref="FailureThreshold"/> in a row, requests fail fast for <see cref="OpenFor"/>, then one is let
/// through to probe.
/// </summary>
public sealed class DiscordCircuit(TimeProvider time)
{
    public const int FailureThreshold = 5;
    public static readonly TimeSpan OpenFor = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan InvalidWindow = TimeSpan.FromMinutes(10);
    private readonly Lock _lock = new();
    private DateTimeOffset _invalidSince;
    private int _invalid;
    private int _failures;
    private DateTimeOffset _openUntil;

    public bool IsOpen
    {
        get
        {
            lock (_lock)
            {
                return _failures >= FailureThreshold && time.GetUtcNow() < _openUntil;
            }
        }
    }

    /// <summary>The last failure's description, kept for /readyz; null after a success.</summary>
    public string? LastFailure { get; private set; }

    public void ThrowIfOpen(string path)
    {
        if (IsOpen)
        {
            throw new DiscordUnavailableException($"not calling {path}: Discord failed {FailureThreshold} times in a row ({LastFailure}); trying again after {_openUntil:HH:mm:ss}Z");
        }
    }

    public void Succeeded()
    {
        lock (_lock)
        {
            _failures = 0;
            LastFailure = null;
        }
    }

    public void Failed(string why)
    {
        lock (_lock)
        {
            _failures++;
            LastFailure = why;
            if (_failures >= FailureThreshold)
            {
                _openUntil = time.GetUtcNow() + OpenFor;
            }
        }
    }

    /// <summary>401, 403 and 429 answers in the current ten-minute window: Discord bans the IP at 10 000.</summary>
    public int InvalidRequests
    {
        get
        {
            lock (_lock)
            {
                return time.GetUtcNow() - _invalidSince < InvalidWindow ? _invalid : 0;
            }
        }
    }

    public void CountInvalid()
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (now - _invalidSince >= InvalidWindow)
            {
                _invalidSince = now;
                _invalid = 0;
            }

            _invalid++;
        }
    }
}
