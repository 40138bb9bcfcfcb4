using CourseBot.Bot.Discord.Gateway;
using CourseBot.Bot.Http;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Polly;

namespace CourseBot.Bot.Discord.Rest;

/// <summary>
/// Discord's HTTP client and the named pipelines its requests go through (each route names its own,
/// <see cref="DiscordRoute.Pipeline"/>). Per request: the route's pipeline, then per attempt the route's
/// rate-limit bucket (<see cref="DiscordRateLimitHandler"/>) and a 15 s timeout.
/// <list type="bullet">
/// <item><see cref="CallbackPipeline"/>: an interaction's initial response gets one attempt within what
/// is left of its 3 s deadline; a retry would land too late, and Discord refuses a second callback.</item>
/// <item><see cref="InteractionPipeline"/>: edits and follow-ups of an answer are retried (5xx, timeouts,
/// 429s) but neither consult nor feed the circuit: channel posts failing must not silence answers.</item>
/// <item><see cref="RestPipeline"/>: everything else, channel posts included, is retried and guarded by
/// the circuit. A channel post may be retried after a timeout or 5xx because it carries its ledger token
/// as an enforced nonce: Discord returns the message it already has instead of posting twice.</item>
/// </list>
/// </summary>
public static class DiscordHttp
{
    public const string ClientName = "discord";
    public const string CallbackPipeline = "discord-callback";
    public const string InteractionPipeline = "discord-interaction";
    public const string RestPipeline = "discord-rest";

    /// <summary>Attempts in all for a 5xx or a timeout; a 429 is waited out up to <see cref="MaxRateLimitedRetries"/> times.</summary>
    public const int MaxAttempts = 4;
    public const int MaxRateLimitedRetries = 5;

    /// <summary>What is left of an interaction's deadline, carried by its callback request.</summary>
    public static readonly HttpRequestOptionsKey<TimeSpan> Budget = new("coursebot.discord.budget");

    /// <summary>Registers <see cref="DiscordRestClient"/> on its HTTP client; expects <see cref="DiscordOptions"/> and a <see cref="TimeProvider"/>.</summary>
    public static IServiceCollection AddDiscordRest(this IServiceCollection services)
    {
        services.AddSingleton<DiscordRateLimiter>();
        services.AddSingleton<DiscordCircuit>();
        services.AddTransient<DiscordRateLimitHandler>();
        services.WithoutPollyEventLog();
        services.AddResiliencePipeline<string, HttpResponseMessage>(CallbackPipeline, (pipeline, context) =>
        {
            pipeline.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
            pipeline.AddTimeout(new Polly.Timeout.TimeoutStrategyOptions { TimeoutGenerator = args => ValueTask.FromResult(BudgetOf(args.Context)) });
        });
        services.AddResiliencePipeline<string, HttpResponseMessage>(InteractionPipeline, (pipeline, context) =>
        {
            pipeline.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
            pipeline.AddRetry(Retry(context.ServiceProvider));
        });
        services.AddResiliencePipeline<string, HttpResponseMessage>(RestPipeline, (pipeline, context) =>
        {
            pipeline.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
            pipeline.AddRetry(Retry(context.ServiceProvider));
            pipeline.AddPipeline(context.ServiceProvider.GetRequiredService<DiscordCircuit>().Breaker);
        });

        // One long-lived client: connections are recycled by the handler, not by re-creating clients.
        // Its own timeout is off: the pipelines time each attempt, on the bot's clock.
        services.AddHttpClient(ClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .UseSocketsHttpHandler((handler, _) => handler.PooledConnectionLifetime = TimeSpan.FromMinutes(5))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .AddHttpMessageHandler(HttpPipelines.Selecting)
            .AddHttpMessageHandler<DiscordRateLimitHandler>()
            .AddResilienceHandler("discord-attempt", HttpPipelines.PerAttempt);
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<DiscordRestClient>(sp, sp.GetRequiredService<IHttpClientFactory>().CreateClient(ClientName)));
        services.AddSingleton<IGatewayLocator>(sp => sp.GetRequiredService<DiscordRestClient>());
        return services;
    }

    private static Polly.Retry.RetryStrategyOptions<HttpResponseMessage> Retry(IServiceProvider services) => HttpPipelines.Retry(
        new Backoff(services.GetRequiredService<IOptions<DiscordOptions>>().Value.RetryBackoff, TimeSpan.FromMinutes(1)),
        services.GetRequiredService<Jitter>(),
        MaxAttempts,
        MaxRateLimitedRetries,
        HttpPipelines.IsTransient,
        services.GetRequiredService<ILoggerFactory>().CreateLogger<DiscordRestClient>());

    /// <summary>The callback's budget; Polly ignores a timeout that is not positive, so an exhausted one is a tick.</summary>
    private static TimeSpan BudgetOf(ResilienceContext context) =>
        context.GetRequestMessage() is { } request && request.Options.TryGetValue(Budget, out var left)
            ? (left > TimeSpan.Zero ? left : TimeSpan.FromTicks(1))
            : DiscordRestClient.InteractionDeadline;
}
