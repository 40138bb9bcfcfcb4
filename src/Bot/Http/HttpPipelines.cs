using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Registry;
using Polly.Retry;
using Polly.Telemetry;
using Polly.Timeout;

namespace CourseBot.Bot.Http;

/// <summary>
/// What Discord's and Slack's HTTP clients share: each request names the pipeline it goes through
/// (<see cref="Pipeline"/>) and a label for the log (<see cref="Label"/>: a route or a method, never a
/// URL with a token in it); one retry rule; one per-attempt timeout. Pipelines are Polly's, registered by
/// name, and run on the injected <see cref="TimeProvider"/> so tests control every wait.
/// </summary>
public static partial class HttpPipelines
{
    /// <summary>The named pipeline a request goes through.</summary>
    public static readonly HttpRequestOptionsKey<string> Pipeline = new("coursebot.pipeline");

    /// <summary>What the log calls the request: <c>POST /channels/{channel_id}/messages</c>, <c>chat.postMessage</c>.</summary>
    public static readonly HttpRequestOptionsKey<string> Label = new("coursebot.label");

    /// <summary>How long one attempt may take before it counts as a timeout (and, where that is safe, is tried again).</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Keeps Polly's own event log out of the bot's log: it would repeat each retry with a stack trace;
    /// the retry rule below and the clients say what happened in one line each.
    /// </summary>
    public static IServiceCollection WithoutPollyEventLog(this IServiceCollection services) =>
        services.PostConfigure<TelemetryOptions>(telemetry => telemetry.LoggerFactory = NullLoggerFactory.Instance);

    /// <summary>The outer handler: runs each request through the pipeline it names.</summary>
    public static ResilienceHandler Selecting(IServiceProvider services)
    {
        var pipelines = services.GetRequiredService<ResiliencePipelineProvider<string>>();
        return new ResilienceHandler(request => pipelines.GetPipeline<HttpResponseMessage>(
            request.Options.TryGetValue(Pipeline, out var name) ? name : throw new InvalidOperationException($"{request.Method} request without a pipeline name (a CourseBot bug)")));
    }

    /// <summary>The inner pipeline, around each attempt: a timeout on the bot's clock.</summary>
    public static void PerAttempt(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        builder.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
        builder.AddTimeout(AttemptTimeout);
    }

    /// <summary>
    /// The retry rule: a 429 waits as long as its <c>Retry-After</c> says, up to <paramref name="rateLimited"/>
    /// times; an outcome <paramref name="retryable"/> calls transient waits <c>Retry-After</c> if given, else
    /// <paramref name="backoff"/>, until <paramref name="attempts"/> attempts in all.
    /// </summary>
    public static RetryStrategyOptions<HttpResponseMessage> Retry(
        Backoff backoff, Jitter jitter, int attempts, int rateLimited, Func<Outcome<HttpResponseMessage>, bool> retryable, ILogger logger) => new()
        {
            MaxRetryAttempts = Math.Max(attempts - 1, rateLimited),
            ShouldHandle = args => ValueTask.FromResult(
                IsRateLimited(args.Outcome) ? args.AttemptNumber < rateLimited : args.AttemptNumber < attempts - 1 && retryable(args.Outcome)),
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                args.Outcome.Result?.Headers.RetryAfter?.Delta ?? backoff.Delay(args.AttemptNumber + 1, jitter())),
            OnRetry = args =>
            {
                if (IsRateLimited(args.Outcome))
                {
                    LogRateLimited(logger, LabelOf(args.Context), args.RetryDelay.TotalSeconds);
                }
                else
                {
                    LogRetrying(logger, LabelOf(args.Context), Why(args.Outcome), args.AttemptNumber + 1, args.RetryDelay.TotalSeconds);
                }

                return default;
            },
        };

    public static bool IsRateLimited(Outcome<HttpResponseMessage> outcome) => outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests;

    /// <summary>No answer (refused, dropped, timed out) or a 5xx: the server may or may not have acted.</summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException || (int?)outcome.Result?.StatusCode >= 500;

    /// <summary>The connection was never made: the request cannot have reached the server, so any call may be tried again.</summary>
    public static bool NeverSent(Exception? exception) =>
        exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };

    public static string LabelOf(ResilienceContext context) =>
        context.GetRequestMessage() is { } request && request.Options.TryGetValue(Label, out var label) ? label : "a request";

    public static string Why(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { } response ? $"{(int)response.StatusCode} {response.StatusCode}" : outcome.Exception?.Message ?? "no answer";

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Request} failed ({Why}); retry {Attempt} in {Seconds:0.###} s")]
    private static partial void LogRetrying(ILogger logger, string request, string why, int attempt, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Request} was rate-limited: waiting {Seconds:0.###} s as told")]
    private static partial void LogRateLimited(ILogger logger, string request, double seconds);
}
