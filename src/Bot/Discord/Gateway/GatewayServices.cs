using CourseBot.Bot.Http;
using CourseBot.Bot.WebSockets;

namespace CourseBot.Bot.Discord.Gateway;

/// <summary>Gateway mode: the connection, its timings and its report on /readyz.</summary>
public static class GatewayServices
{
    public static IServiceCollection AddDiscordGateway(this IServiceCollection services)
    {
        services.AddJsonWebSockets();
        services.AddSingleton(sp => new GatewayTimings { Jitter = sp.GetRequiredService<Jitter>() });
        services.AddSingleton<DiscordGatewayClient>();
        services.AddHostedService(sp => sp.GetRequiredService<DiscordGatewayClient>());
        services.AddSingleton<IDiscordConnectionReport>(sp => sp.GetRequiredService<DiscordGatewayClient>());
        return services;
    }
}
