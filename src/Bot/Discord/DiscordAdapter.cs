using CourseBot.Bot.Delivery;
using CourseBot.Bot.Discord.Commands;
using CourseBot.Bot.Discord.Gateway;
using CourseBot.Bot.Discord.Interactions;
using CourseBot.Bot.Discord.Rest;
using CourseBot.Bot.Hosting;
using CourseBot.Core.Replies;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CourseBot.Bot.Discord;

/// <summary>Everything Discord needs, registered only when a bot token is configured.</summary>
public static class DiscordAdapter
{
    public static IServiceCollection AddDiscordAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(DiscordOptions.Section);
        var options = section.Get<DiscordOptions>() ?? new DiscordOptions();
        if (!options.IsConfigured)
        {
            return services;
        }

        services.AddOptions<DiscordOptions>().Bind(section);

        services.AddDiscordRest();

        services.AddSingleton<AnswerCache>();
        services.AddSingleton<DiscordInteractionHandler>();
        services.AddSingleton<DiscordPostDelivery>();
        services.AddSingleton<IPostDelivery<Reply>>(sp => sp.GetRequiredService<DiscordPostDelivery>());
        services.AddSingleton<CommandRegistration>();
        services.AddHostedService(sp => sp.GetRequiredService<CommandRegistration>());
        services.AddSingleton<IReadinessReport, DiscordReadiness>();

        if (options.Mode == DiscordMode.Http)
        {
            services.AddSingleton(new InteractionSignature(options.PublicKey!));
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
        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        var logger = app.Services.GetRequiredService<ILogger<DiscordInteractionHandler>>();
        app.MapPost(InteractionEndpoint.Path, (HttpContext http) => InteractionEndpoint.HandleAsync(http, signature, replays, incomplete, handler, time, lifetime, logger));
        return app;
    }
}
