namespace CourseBot.Bot.Discord.Gateway;

/// <summary>Where to connect: the REST client answers from <c>GET /gateway/bot</c>; tests answer with a loopback URL.</summary>
public interface IGatewayLocator
{
    /// <summary>The gateway's WebSocket URL (e.g. <c>wss://gateway.discord.gg</c>), without query.</summary>
    Task<Uri> GetGatewayUrlAsync(CancellationToken cancellationToken);
}
