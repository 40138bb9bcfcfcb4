using System.Collections.Concurrent;
using System.Globalization;

namespace CourseBot.Bot.Discord.Rest;

/// <summary>
/// Discord's REST rate limits, learned from the response headers rather than hard-coded
/// (rate-limits.mdx): one gate per bucket (requests in a bucket go one at a time, so each knows what the
/// previous one left), a pause for everyone after a global 429, and the 50-per-second global limit.
/// </summary>
public sealed class DiscordRateLimiter(TimeProvider time)
{
    private readonly TimeProvider _time = time;
    public const int GlobalRequestsPerSecond = 50;

    private readonly ConcurrentDictionary<string, string> _bucketOfRoute = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly Lock _globalLock = new();
    private DateTimeOffset _globalPauseUntil;
    private DateTimeOffset _windowStart;
    private int _windowCount;

    /// <summary>Waits until <paramref name="route"/> may be called; dispose the lease after reading the response.</summary>
    public async Task<Lease> AcquireAsync(DiscordRoute route, CancellationToken cancellationToken)
    {
        var bucket = BucketFor(route);
        await bucket.Gate.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                var wait = route.IsInteraction ? GlobalPause() : GlobalWait();
                var now = _time.GetUtcNow();
                if (bucket.Remaining <= 0 && bucket.ResetAt > now)
                {
                    wait = wait > bucket.ResetAt - now ? wait : bucket.ResetAt - now;
                }

                if (wait <= TimeSpan.Zero)
                {
                    break;
                }

                await Task.Delay(wait, _time, cancellationToken);
            }

            bucket.Remaining--;
            return new Lease(this, route, bucket);
        }
        catch
        {
            bucket.Gate.Release();
            throw;
        }
    }

    /// <summary>Stops every request until <paramref name="retryAfter"/> has passed (a global 429).</summary>
    public void PauseAll(TimeSpan retryAfter)
    {
        lock (_globalLock)
        {
            var until = _time.GetUtcNow() + retryAfter;
            if (until > _globalPauseUntil)
            {
                _globalPauseUntil = until;
            }
        }
    }

    private Bucket BucketFor(DiscordRoute route)
    {
        var name = _bucketOfRoute.TryGetValue(route.Key, out var hash) ? hash : route.Key;
        var bucket = _buckets.GetOrAdd($"{name}|{route.Major}", static _ => new Bucket());
        if (_buckets.Count > 10_000)
        {
            Prune();
        }

        return bucket;
    }

    /// <summary>Interaction tokens make a bucket each; forget the idle ones so memory stays flat.</summary>
    private void Prune()
    {
        var now = _time.GetUtcNow();
        foreach (var (key, bucket) in _buckets)
        {
            if (bucket.ResetAt < now && bucket.Gate.CurrentCount == 1)
            {
                _buckets.TryRemove(key, out _);
            }
        }
    }

    private TimeSpan GlobalPause()
    {
        lock (_globalLock)
        {
            return _globalPauseUntil - _time.GetUtcNow();
        }
    }

    /// <summary>The global pause, then the client-side 50-per-second window.</summary>
    private TimeSpan GlobalWait()
    {
        lock (_globalLock)
        {
            var now = _time.GetUtcNow();
            if (_globalPauseUntil > now)
            {
                return _globalPauseUntil - now;
            }

            if (now - _windowStart >= TimeSpan.FromSeconds(1))
            {
                _windowStart = now;
                _windowCount = 0;
            }

            if (_windowCount >= GlobalRequestsPerSecond)
            {
                return _windowStart + TimeSpan.FromSeconds(1) - now;
            }

            _windowCount++;
            return TimeSpan.Zero;
        }
    }

    private void Learn(DiscordRoute route, Bucket bucket, HttpResponseMessage response)
    {
        var headers = response.Headers;
        if (Header(headers, "X-RateLimit-Bucket") is { } hash)
        {
            // Routes Discord puts in one bucket share its gate from the next request on.
            _bucketOfRoute[route.Key] = hash;
            _buckets.TryAdd($"{hash}|{route.Major}", bucket);
        }

        if (Header(headers, "X-RateLimit-Remaining") is { } remaining && int.TryParse(remaining, NumberStyles.Integer, CultureInfo.InvariantCulture, out var left))
        {
            bucket.Remaining = left;
        }

        if (Header(headers, "X-RateLimit-Reset-After") is { } resetAfter && double.TryParse(resetAfter, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            bucket.ResetAt = _time.GetUtcNow() + TimeSpan.FromSeconds(seconds);
        }
    }

    private static string? Header(System.Net.Http.Headers.HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    internal sealed class Bucket
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        /// <summary>Unknown until the first response: let one request through to learn the limit.</summary>
        public int Remaining { get; set; } = 1;

        public DateTimeOffset ResetAt { get; set; }
    }

    /// <summary>Holds the bucket's gate while one request is in flight.</summary>
    public sealed class Lease : IDisposable
    {
        private readonly DiscordRateLimiter _limiter;
        private readonly DiscordRoute _route;
        private readonly Bucket _bucket;
        private int _released;

        internal Lease(DiscordRateLimiter limiter, DiscordRoute route, Bucket bucket)
        {
            _limiter = limiter;
            _route = route;
            _bucket = bucket;
        }

        /// <summary>Reads the bucket's state from the response headers.</summary>
        public void Learn(HttpResponseMessage response) => _limiter.Learn(_route, _bucket, response);

        /// <summary>A per-route 429: nothing more in this bucket until <paramref name="retryAfter"/> has passed.</summary>
        public void Exhausted(TimeSpan retryAfter)
        {
            _bucket.Remaining = 0;
            _bucket.ResetAt = _limiter._time.GetUtcNow() + retryAfter;
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                _bucket.Gate.Release();
            }
        }
    }
}
