using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace CourseBot.Bot.Discord.Rest;

/// <summary>
/// Discord's per-route rate limits around each attempt, where Discord.Net's request queue sits: waits
/// for the route's bucket (<see cref="DiscordRateLimiter"/>), learns the bucket from the answer's headers,
/// and on a 429 pauses the bucket (or, for a global 429, every route) and puts Discord's precise
/// <c>retry_after</c> into the <c>Retry-After</c> header the retry pipeline reads. Also counts the
/// invalid requests (401, 403, 429) Discord bans an IP for.
/// </summary>
public sealed partial class DiscordRateLimitHandler(DiscordRateLimiter limiter, DiscordCircuit circuit, ILogger<DiscordRateLimitHandler> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(DiscordRoute.Option, out var route))
        {
            throw new InvalidOperationException($"{request.Method} request without its Discord route (a CourseBot bug)");
        }

        using var lease = await limiter.AcquireAsync(route, cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        lease.Learn(response);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            circuit.CountInvalid();
        }
        else if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var (after, global) = await RetryAfterAsync(response, cancellationToken);
            if (!IsShared(response))
            {
                circuit.CountInvalid();
            }

            if (global)
            {
                limiter.PauseAll(after);
            }
            else
            {
                lease.Exhausted(after);
            }

            response.Headers.RetryAfter = new RetryConditionHeaderValue(after);
            LogRateLimited(route.Key, after.TotalSeconds, global);
        }

        return response;
    }

    private static async Task<(TimeSpan After, bool Global)> RetryAfterAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var global = response.Headers.TryGetValues("X-RateLimit-Global", out var g) && g.Any(v => v.Equals("true", StringComparison.OrdinalIgnoreCase));
        var seconds = 1.0;
        try
        {
            // Buffered, so that the body can still be read by whoever gets this answer.
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var body = await response.Content.ReadFromJsonAsync(DiscordJson.Default.RateLimitedBody, cancellationToken);
            if (body is not null)
            {
                seconds = body.RetryAfter;
                global |= body.Global;
            }
        }
        catch (JsonException)
        {
            // Cloudflare's own 429 has no JSON; its Retry-After header says how long.
            if (response.Headers.RetryAfter?.Delta is { } delta)
            {
                seconds = delta.TotalSeconds;
            }
        }

        return (TimeSpan.FromSeconds(Math.Clamp(seconds, 0, 600)), global);
    }

    private static bool IsShared(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-RateLimit-Scope", out var scope) && scope.Contains("shared");

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord rate-limited {Route}: waiting {Seconds:0.###} s (global: {Global})")]
    private partial void LogRateLimited(string route, double seconds, bool global);
}
