namespace CourseBot.Bot.Slack;

/// <summary>Socket Mode's waits; tests shorten them.</summary>
public sealed record SocketModeTimings
{
    /// <summary>How often the client pings; a socket that does not answer within <see cref="PingTimeout"/> is replaced.</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan PingTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait for <c>hello</c> after connecting.</summary>
    public TimeSpan HelloTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan FirstBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(2);
}
