using CourseBot.Bot.Conversation;
using CourseBot.Bot.Discord;
using CourseBot.Bot.Local;
using CourseBot.Bot.Scheduling;
using CourseBot.Bot.Slack;
using CourseBot.Core.Replies;
using Quartz;

namespace CourseBot.Bot.Hosting;

/// <summary>The composition root: everything <c>coursebot run</c> needs, in one place.</summary>
public static class CourseBotServices
{
    public static WebApplicationBuilder AddCourseBotServices(this WebApplicationBuilder builder, string configDirectory)
    {
        // COURSEBOT__Storage__Provider works as well as Storage__Provider.
        builder.Configuration.AddEnvironmentVariables("COURSEBOT__");
        var configuration = builder.Configuration;
        var services = builder.Services;

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<FatalStop>();
        services.AddOptions<CoursesOptions>()
            .Bind(configuration.GetSection(CoursesOptions.Section))
            .PostConfigure(o => o.Directory = configDirectory)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<PostingOptions>().Bind(configuration.GetSection(PostingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        // Courses: loaded before anything else starts, then kept current.
        services.AddSingleton<CourseCatalog>();
        // SourceReader gives every read its own deadline and follows redirects itself (http(s) only).
        services.AddHttpClient(nameof(SourceReader), http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(SourceReader.NewHandler)
            .AddTypedClient((http, sp) => new SourceReader(
                http,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<CoursesOptions>>().Value.SourceTimeout,
                sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<CoursesOptions>>().Value.SettleTime));
        services.AddSingleton<CourseRefreshService>();
        services.AddHostedService(sp => sp.GetRequiredService<CourseRefreshService>());

        // Delivery: the ledger and Quartz share one database (SQLite file by default, PostgreSQL clustered).
        services.AddCourseBotStorage(configuration);
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        services.AddQuartz(quartz => quartz.UseCourseBotStore(storage));
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddSingleton<PostTargets>();
        services.AddSingleton(sp => new PostSender<Reply>(
            sp.GetRequiredService<IPostingLedger>(),
            sp.GetRequiredService<IEnumerable<IPostDelivery<Reply>>>(),
            $"{Environment.MachineName}:{Environment.ProcessId}",
            sp.GetRequiredService<ILogger<PostSender<Reply>>>()));
        services.AddSingleton<PostRunner>();
        services.AddSingleton<AnnounceNow>();
        services.AddHostedService<PostScheduleSync>();
        services.AddHostedService<ChannelsCheck>();

        services.AddSingleton<ICourseConversation, CourseConversation>();
        services.AddSingleton<IReadinessReport, CoursesReadiness>();
        services.AddSingleton<IReadinessReport, SchedulerReadiness>();
        services.AddSingleton<IReadinessReport, PlatformsReadiness>();

        services.AddDiscordAdapter(configuration);
        services.AddSlackAdapter(configuration);
        if (!HasPlatform(configuration))
        {
            services.AddSingleton<LocalConsole>();
            services.AddSingleton<IPostDelivery<Reply>, LocalPostDelivery>();
            services.AddHostedService<LocalChatService>();
        }

        return builder;
    }

    public static WebApplication MapCourseBotEndpoints(this WebApplication app)
    {
        app.MapHealthEndpoints();
        app.MapDiscordEndpoints();
        app.MapSlackEndpoints();
        return app;
    }

    /// <summary>With no Discord or Slack token the bot runs on the console (no tokens needed).</summary>
    private static bool HasPlatform(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["Discord:BotToken"]) || !string.IsNullOrWhiteSpace(configuration["Slack:BotToken"]);
}
