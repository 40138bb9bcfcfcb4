namespace CourseBot.Bot.WebSockets;

/// <summary>The waits every reconnecting WebSocket client has (Discord gateway, Slack Socket Mode); tests shorten them.</summary>
public abstract record ConnectionTimings
{
    /// <summary>How long the socket may take to open and the platform's hello to arrive before trying again.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait after the first failed attempt; it doubles with each failure in a row.</summary>
    public TimeSpan FirstBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between attempts.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(60);
}
