using CourseBot.Bot.Delivery;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.WebSockets;
using CourseBot.Core.Replies;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Slack;

/// <summary>Everything Slack needs, registered only when a bot token is configured.</summary>
public static class SlackAdapter
{
    public static IServiceCollection AddSlackAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SlackOptions.Section);
        var options = SettingsCheck.Read<SlackOptions>(section);
        if (!options.IsConfigured)
        {
            return services;
        }

        services.AddCheckedOptions<SlackOptions, SlackOptionsValidator>(section);
        services.AddSlackWebApi();
        services.AddSingleton<SlackCommandHandler>();
        services.AddSingleton<SlackAppHome>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackAppHome>());
        services.AddSingleton<SlackIdentity>();
        services.AddSingleton<SlackQuestions>();
        services.AddSingleton<ISlackEventHandler<AppMention>, SlackMentionHandler>();
        services.AddSingleton<ISlackEventHandler<DirectMessage>, SlackDirectMessageHandler>();
        services.AddSingleton<SlackInbound>();
        services.AddSingleton<SlackPostDelivery>();
        services.AddSingleton<Leads.ILeadNotice, Leads.SlackLeadNotice>();
        services.AddSingleton<IPostDelivery<Reply>>(sp => sp.GetRequiredService<SlackPostDelivery>());
        services.AddSingleton<IPostDelivery<Scheduling.PinnedSchedulePin>, SlackSchedulePin>();
        services.AddHealthChecks().AddReadinessCheck<SlackReadiness>("slack");
        services.AddHostedService<SlackTokenCheck>();
        if (options.Mode == SlackMode.Http)
        {
            services.AddSingleton(sp => new SlackSignature(sp.GetRequiredService<IOptions<SlackOptions>>().Value.SigningSecret!, sp.GetRequiredService<TimeProvider>()));
            services.TryAddSingleton<IncompleteBodies>();
            services.AddSingleton<SlackEndpoints>();
        }
        else
        {
            services.AddJsonWebSockets();
            services.AddSingleton(new SocketModeTimings());
            services.AddSingleton<SlackSocketMode>();
            services.AddHostedService(sp => sp.GetRequiredService<SlackSocketMode>());
        }

        return services;
    }

    /// <summary>Maps the three Slack endpoints in HTTP mode.</summary>
    public static WebApplication MapSlackEndpoints(this WebApplication app)
    {
        app.Services.GetService<SlackEndpoints>()?.Map(app);
        return app;
    }
}
