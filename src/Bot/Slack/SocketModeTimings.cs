using CourseBot.Bot.WebSockets;

namespace CourseBot.Bot.Slack;

/// <summary>Socket Mode's waits; tests shorten them.</summary>
public sealed record SocketModeTimings : ConnectionTimings
{
    public SocketModeTimings()
    {
        MaxBackoff = TimeSpan.FromMinutes(2);
    }

    /// <summary>How often the client pings; a socket that does not answer within <see cref="PingTimeout"/> is replaced.</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan PingTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
