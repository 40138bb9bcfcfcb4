using CourseBot.Bot.Conversation;
using CourseBot.Bot.Http;
using CourseBot.Bot.WebSockets;

namespace CourseBot.Bot.Discord.Gateway;

/// <summary>Gateway mode: the connection, its timings, its report on /readyz, and questions asked in messages.</summary>
public static class GatewayServices
{
    public static IServiceCollection AddDiscordGateway(this IServiceCollection services)
    {
        services.AddJsonWebSockets();
        services.AddSingleton(sp => new GatewayTimings { Jitter = sp.GetRequiredService<Jitter>() });
        services.AddSingleton<MessageQueue>();
        services.AddSingleton<QuestionLimit>();
        services.AddHostedService<MentionHandler>();
        services.AddSingleton<DiscordGatewayClient>();
        services.AddHostedService(sp => sp.GetRequiredService<DiscordGatewayClient>());
        services.AddSingleton<IDiscordConnectionReport>(sp => sp.GetRequiredService<DiscordGatewayClient>());
        return services;
    }
}
