using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CourseBot.Bot.WebSockets;

/// <summary>Registers the one WebSocket transport (once, whichever platform asks first).</summary>
public static class WebSocketServices
{
    public static IServiceCollection AddJsonWebSockets(this IServiceCollection services)
    {
        services.TryAddSingleton<IJsonWebSocketFactory, JsonWebSocketFactory>();
        return services;
    }
}
