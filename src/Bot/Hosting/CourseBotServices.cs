using CourseBot.Bot.Calendar;
using CourseBot.Bot.Conversation;
using CourseBot.Bot.Delivery;
using CourseBot.Bot.Discord;
using CourseBot.Bot.Http;
using CourseBot.Bot.Leads;
using CourseBot.Bot.Local;
using CourseBot.Bot.Scheduling;
using CourseBot.Bot.Slack;
using CourseBot.Bot.Storage;
using CourseBot.Core.Replies;
using Quartz;

namespace CourseBot.Bot.Hosting;

/// <summary>The composition root: everything <c>coursebot run</c> needs, in one place.</summary>
public static class CourseBotServices
{
    /// <param name="rehearsal">For <c>run --at</c>: a shifted clock, the console only, a store of its own.</param>
    public static WebApplicationBuilder AddCourseBotServices(this WebApplicationBuilder builder, string configDirectory, Rehearsal? rehearsal = null)
    {
        // COURSEBOT__Storage__Provider works as well as Storage__Provider.
        builder.Configuration.AddEnvironmentVariables("COURSEBOT__");
        var configuration = builder.Configuration;
        var services = builder.Services;
        builder.Logging.UseCourseBotFormat(configuration);

        // Every component reads the time from this one clock (Quartz too: it uses the container's TimeProvider).
        if (rehearsal is null)
        {
            services.AddSingleton(TimeProvider.System);
        }
        else
        {
            var tokensIgnored = HasPlatform(configuration);
            configuration.AddInMemoryCollection(rehearsal.Settings());
            services.AddSingleton<TimeProvider>(new ShiftedTimeProvider(TimeProvider.System, rehearsal.Start));
            services.AddHostedService(sp => ActivatorUtilities.CreateInstance<RehearsalNotice>(sp, rehearsal, tokensIgnored));
        }

        // The one source of real randomness, as the clock above is the one real clock: retry and reconnect
        // jitter (Http/Backoff). Tests register a fixed one.
#pragma warning disable RS0030 // Random.Shared is banned outside the composition root; this is the root.
        services.AddSingleton(new Jitter(Random.Shared.NextDouble));
#pragma warning restore RS0030

        services.AddSingleton<FatalStop>();
        // Work that outlives its request or envelope. Registered before every hosted service that starts such
        // work (and the web server, which Build() adds last): the host stops its services in reverse order, so
        // this one stops after all of them have stopped taking new work, and then waits for what is left.
        services.AddSingleton<BackgroundWork>();
        services.AddHostedService(sp => sp.GetRequiredService<BackgroundWork>());
        services.AddCheckedOptions<CoursesOptions, CoursesOptionsValidator>(configuration.GetSection(CoursesOptions.Section))
            .PostConfigure(o => o.Directory = configDirectory);
        services.AddCheckedOptions<PostingOptions, PostingOptionsValidator>(configuration.GetSection(PostingOptions.Section));

        builder.Logging.LeaveFailuresToRunningBot();
        // A background service that throws stops the bot; `coursebot run` then exits 1 saying which one and why.
        services.Configure<HostOptions>(o => o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost);

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
        services.AddCourseBotStorage(configuration, configDirectory);
        services.AddQuartz(quartz => quartz.UseCourseBotStore(StorageOptions.Read(configuration, configDirectory)));
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddSingleton<PostTargets>();
        services.AddSingleton(sp => new PostSender<Reply>(
            sp.GetRequiredService<IPostingLedger>(),
            sp.GetRequiredService<IEnumerable<IPostDelivery<Reply>>>(),
            $"{Environment.MachineName}:{Environment.ProcessId}",
            sp.GetRequiredService<ILogger<PostSender<Reply>>>()));
        services.AddSingleton(sp => new PostEditor<Reply>(
            sp.GetRequiredService<IPostingLedger>(),
            sp.GetRequiredService<PostSender<Reply>>(),
            sp.GetRequiredService<IEnumerable<IPostDelivery<Reply>>>(),
            $"{Environment.MachineName}:{Environment.ProcessId}",
            sp.GetRequiredService<ILogger<PostEditor<Reply>>>()));
        services.AddSingleton<PostRunner>();
        services.AddSingleton<EditRound>();
        services.AddSingleton<ChangeNotices>();
        services.AddHostedService<FollowEdits>();
        services.AddPinnedSchedule();
        services.AddRosterUpkeep();
        services.AddSingleton<AnnounceNow>();
        services.AddHostedService<PostScheduleSync>();
        services.AddHostedService<PostReconciler>();
        services.AddHostedService<ChannelsCheck>();

        services.AddSingleton<ICourseConversation, CourseConversation>();
        services.AddCalendarFeeds(configuration);
        services.AddCourseBotLeadDesk();
        services.AddHealthChecks()
            .AddReadinessCheck<CoursesReadiness>("courses")
            .AddReadinessCheck<SchedulerReadiness>("scheduler")
            .AddReadinessCheck<PlatformsReadiness>("platforms")
            .AddReadinessCheck<BackgroundWorkReadiness>("backgroundWork");
        // A part that is not ready says why in /readyz and logs its problem once itself; .NET's health check
        // service would log an error on every probe. A part that throws is logged by HealthEndpoints.
        builder.Logging.AddFilter(HealthCheckServiceCategory, LogLevel.None);

        services.AddDiscordAdapter(configuration);
        services.AddSlackAdapter(configuration);
        if (!HasPlatform(configuration))
        {
            services.AddSingleton(_ => LocalConsole.ForProcess());
            builder.Logging.ThroughLocalConsole();
            services.AddSingleton<IPostDelivery<Reply>, LocalPostDelivery>();
            services.AddSingleton<ILeadNotice, ConsoleLeadNotice>();
            services.AddHostedService<LocalChatService>();
        }

        return builder;
    }

    public static WebApplication MapCourseBotEndpoints(this WebApplication app)
    {
        app.MapHealthEndpoints();
        app.MapCalendarEndpoints();
        app.MapDiscordEndpoints();
        app.MapSlackEndpoints();
        return app;
    }

    /// <summary>
    /// The host logs a failed service twice (an error and a critical line); <c>coursebot run</c>
    /// (RunningBot) reports it in one line and logs the details at Debug level, so the host's own lines are off.
    /// </summary>
    public static ILoggingBuilder LeaveFailuresToRunningBot(this ILoggingBuilder logging) =>
        logging.AddFilter(HostCategory, LogLevel.None);

    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";
    private const string HealthCheckServiceCategory = "Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService";

    /// <summary>With no Discord or Slack token the bot runs on the console (no tokens needed).</summary>
    private static bool HasPlatform(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["Discord:BotToken"]) || !string.IsNullOrWhiteSpace(configuration["Slack:BotToken"]);
}
