using CourseBot.Bot.Delivery;
using CourseBot.Bot.Discord.Commands;
using CourseBot.Bot.Discord.Events;
using CourseBot.Bot.Discord.Gateway;
using CourseBot.Bot.Discord.Interactions;
using CourseBot.Bot.Discord.Rest;
using CourseBot.Bot.Hosting;
using CourseBot.Core.Replies;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Discord;

/// <summary>Everything Discord needs, registered only when a bot token is configured.</summary>
public static class DiscordAdapter
{
    public static IServiceCollection AddDiscordAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(DiscordOptions.Section);
        var options = SettingsCheck.Read<DiscordOptions>(section);
        if (!options.IsConfigured)
        {
            return services;
        }

        services.AddCheckedOptions<DiscordOptions, DiscordOptionsValidator>(section);

        services.AddDiscordRest();

        services.AddSingleton<AnswerCache>();
        services.AddSingleton<DiscordInteractionHandler>();
        services.AddSingleton<DiscordPostDelivery>();
        services.AddSingleton<IPostDelivery<Reply>>(sp => sp.GetRequiredService<DiscordPostDelivery>());
        services.AddSingleton<IPostDelivery<Scheduling.PinnedSchedulePin>, DiscordSchedulePin>();
        services.AddSingleton<CommandRegistration>();
        services.AddSingleton<Leads.ILeadNotice, Leads.DiscordLeadNotice>();
        services.AddHostedService(sp => sp.GetRequiredService<CommandRegistration>());
        services.AddHealthChecks().AddReadinessCheck<DiscordReadiness>("discord");
        services.AddDiscordScheduledEvents(options);

        if (options.Mode == DiscordMode.Http)
        {
            // From the checked options: a missing or malformed key stops the start naming Discord__PublicKey.
            services.AddSingleton(sp => new InteractionSignature(sp.GetRequiredService<IOptions<DiscordOptions>>().Value.PublicKey!));
            services.AddSingleton<InteractionReplayGuard>();
            services.TryAddSingleton<IncompleteBodies>();
        }
        else
        {
            services.AddSingleton<InteractionQueue>();
            services.AddHostedService<GatewayInteractionWorker>();
            services.AddDiscordGateway();
        }

        return services;
    }

    /// <summary>Maps <c>POST /discord/interactions</c> in HTTP mode.</summary>
    public static WebApplication MapDiscordEndpoints(this WebApplication app)
    {
        if (app.Services.GetService<InteractionSignature>() is not { } signature)
        {
            return app;
        }

        var replays = app.Services.GetRequiredService<InteractionReplayGuard>();
        var incomplete = app.Services.GetRequiredService<IncompleteBodies>();
        var handler = app.Services.GetRequiredService<DiscordInteractionHandler>();
        var time = app.Services.GetRequiredService<TimeProvider>();
        var background = app.Services.GetRequiredService<BackgroundWork>();
        var logger = app.Services.GetRequiredService<ILogger<DiscordInteractionHandler>>();
        app.MapPost(InteractionEndpoint.Path, (HttpContext http) => InteractionEndpoint.HandleAsync(http, signature, replays, incomplete, handler, time, background, logger));
        return app;
    }
}
