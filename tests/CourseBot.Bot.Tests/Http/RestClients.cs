using CourseBot.Bot.Discord;
using CourseBot.Bot.Discord.Rest;
using CourseBot.Bot.Http;
using CourseBot.Bot.Slack;
using CourseBot.Bot.Tests.Discord.Fakes;
using CourseBot.Bot.Tests.Slack;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CourseBot.Bot.Tests.Http;

/// <summary>
/// The REST clients registered as the bot registers them (pipelines, rate-limit handler, circuit), on a
/// given clock and with a fixed jitter, against a loopback fake.
/// </summary>
public static class RestClients
{
    /// <summary>The first wait before a retry; short, so tests on the system clock stay quick.</summary>
    public static readonly TimeSpan RetryBackoff = TimeSpan.FromMilliseconds(20);

    public static IServiceProvider Discord(Uri apiBaseUrl, TimeProvider time, ILoggerProvider? log = null) => Services(time, log, services => services
        .Configure<DiscordOptions>(o =>
        {
            o.BotToken = FakeDiscordApi.Token;
            o.ApplicationId = FakeDiscordApi.ApplicationId;
            o.ApiBaseUrl = apiBaseUrl;
            o.RetryBackoff = RetryBackoff;
        })
        .AddDiscordRest());

    public static DiscordRestClient DiscordClient(Uri apiBaseUrl, TimeProvider time) => Discord(apiBaseUrl, time).GetRequiredService<DiscordRestClient>();

    public static SlackApiClient Slack(Uri apiBaseUrl, TimeProvider time) => Services(time, null, services => services
        .Configure<SlackOptions>(o =>
        {
            o.BotToken = FakeSlack.BotToken;
            o.ApiBaseUrl = apiBaseUrl;
        })
        .AddSlackWebApi())
        .GetRequiredService<SlackApiClient>();

    private static ServiceProvider Services(TimeProvider time, ILoggerProvider? log, Action<IServiceCollection> add)
    {
        var services = new ServiceCollection();
        services.AddSingleton(time);
        if (log is null)
        {
            services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
            services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        }
        else
        {
            services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(log));
        }

        services.AddSingleton(new Jitter(() => Backoff.NoJitter));
        add(services);
        return services.BuildServiceProvider();
    }
}
