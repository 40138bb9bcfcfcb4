using CourseBot.Bot.Http;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Polly;

namespace CourseBot.Bot.Slack;

/// <summary>
/// Slack's HTTP client and the named pipelines its calls go through; each attempt also has a 15 s timeout.
/// <list type="bullet">
/// <item><see cref="PostPipeline"/> (<c>chat.postMessage</c>): a 429 waits <c>Retry-After</c>, and a
/// connection that was never made is tried again; after a timeout or a 5xx Slack may have posted, so the
/// call ends as outcome-unknown and the posting ledger looks the post up before sending again.</item>
/// <item><see cref="WebPipeline"/> (every other Web API method): 429s wait <c>Retry-After</c>, 5xx and
/// timeouts are retried with backoff.</item>
/// <item><see cref="ResponsePipeline"/> (a <c>response_url</c> answer): one attempt.</item>
/// </list>
/// </summary>
public static class SlackHttp
{
    public const string ClientName = "slack";
    public const string PostPipeline = "slack-post";
    public const string WebPipeline = "slack-web";
    public const string ResponsePipeline = "slack-response";

    public const int MaxAttempts = 4;

    /// <summary>Slack documents no first wait; one second, doubling, is what its SDKs use.</summary>
    public static readonly Backoff Backoff = new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));

    /// <summary>Registers <see cref="SlackApiClient"/> on its HTTP client; expects <see cref="SlackOptions"/> and a <see cref="TimeProvider"/>.</summary>
    public static IServiceCollection AddSlackWebApi(this IServiceCollection services)
    {
        services.WithoutPollyEventLog();
        services.AddResiliencePipeline<string, HttpResponseMessage>(PostPipeline, (pipeline, context) =>
        {
            pipeline.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
            pipeline.AddRetry(Retry(context.ServiceProvider, outcome => HttpPipelines.NeverSent(outcome.Exception)));
        });
        services.AddResiliencePipeline<string, HttpResponseMessage>(WebPipeline, (pipeline, context) =>
        {
            pipeline.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
            pipeline.AddRetry(Retry(context.ServiceProvider, HttpPipelines.IsTransient));
        });
        services.AddResiliencePipeline<string, HttpResponseMessage>(ResponsePipeline, (_, _) => { });

        // One long-lived client; its own timeout is off: the pipelines time each attempt, on the bot's clock.
        services.AddHttpClient(ClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .UseSocketsHttpHandler((handler, _) => handler.PooledConnectionLifetime = TimeSpan.FromMinutes(5))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .AddHttpMessageHandler(HttpPipelines.Selecting)
            .AddResilienceHandler("slack-attempt", HttpPipelines.PerAttempt);
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<SlackApiClient>(sp, sp.GetRequiredService<IHttpClientFactory>().CreateClient(ClientName)));
        return services;
    }

    private static Polly.Retry.RetryStrategyOptions<HttpResponseMessage> Retry(IServiceProvider services, Func<Outcome<HttpResponseMessage>, bool> retryable) => HttpPipelines.Retry(
        Backoff,
        services.GetRequiredService<Jitter>(),
        MaxAttempts,
        rateLimited: MaxAttempts - 1,
        retryable,
        services.GetRequiredService<ILoggerFactory>().CreateLogger<SlackApiClient>());
}
