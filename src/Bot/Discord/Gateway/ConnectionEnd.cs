namespace CourseBot.Bot.Discord.Gateway;

/// <summary>Why one gateway connection ended; the supervisor decides from it what comes next.</summary>
public abstract record ConnectionEnd
{
    private ConnectionEnd()
    {
    }

    /// <summary>Whether the connection got as far as READY or RESUMED (the backoff starts over).</summary>
    public bool WasReady { get; init; }

    /// <summary>The socket closed (Code null: it dropped without a close frame).</summary>
    public sealed record Closed(int? Code, string? Description) : ConnectionEnd;

    /// <summary>Op 7: Discord asks for a reconnect and resume.</summary>
    public sealed record ReconnectRequested : ConnectionEnd;

    /// <summary>Op 9: the session is invalid; <paramref name="Resumable"/> is its <c>d</c>.</summary>
    public sealed record InvalidSession(bool Resumable) : ConnectionEnd;

    /// <summary>A heartbeat went unacknowledged: the connection was dropped to resume on a fresh one.</summary>
    public sealed record Zombie : ConnectionEnd;

    /// <summary>Connecting failed, or no Hello came in time.</summary>
    public sealed record Failed(string Problem) : ConnectionEnd;
}
