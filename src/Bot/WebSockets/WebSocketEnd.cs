namespace CourseBot.Bot.WebSockets;

/// <summary>Why a <see cref="IJsonWebSocket"/> stopped delivering messages; the protocol above decides what comes next.</summary>
public abstract record WebSocketEnd
{
    private WebSocketEnd()
    {
    }

    /// <summary>The peer sent a close frame (<paramref name="Code"/> null: it gave no status).</summary>
    public sealed record Closed(int? Code, string? Reason) : WebSocketEnd
    {
        public override string ToString() => Code is { } code
            ? $"closed by the peer with {code}{(string.IsNullOrEmpty(Reason) ? "" : $" ({Reason})")}"
            : "closed by the peer without a status";
    }

    /// <summary>The connection dropped, broke the protocol, or was aborted by this side.</summary>
    public sealed record Failed(string Problem) : WebSocketEnd
    {
        public override string ToString() => $"failed: {Problem}";
    }

    /// <summary>The reader's cancellation token ended it (shutting down, or a protocol's deadline).</summary>
    public sealed record Cancelled : WebSocketEnd
    {
        public override string ToString() => "cancelled";
    }
}
