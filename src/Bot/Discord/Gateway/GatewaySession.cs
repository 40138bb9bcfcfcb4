namespace CourseBot.Bot.Discord.Gateway;

/// <summary>
/// What lets a dropped connection resume instead of identifying again: the session id and resume URL
/// from READY, and the last sequence number seen. Shared by the receive loop and the heartbeat.
/// </summary>
public sealed class GatewaySession
{
    private readonly Lock _lock = new();
    private long _sequence = -1;

    public string? Id { get; private set; }

    public Uri? ResumeUrl { get; private set; }

    /// <summary>The bot's own user id (READY's <c>user.id</c>): how a message mentioning the bot is recognised.</summary>
    public string? UserId { get; private set; }

    /// <summary>The last sequence number received, or null before the first dispatch.</summary>
    public long? Sequence
    {
        get
        {
            var sequence = Interlocked.Read(ref _sequence);
            return sequence < 0 ? null : sequence;
        }
    }

    public bool CanResume
    {
        get
        {
            lock (_lock)
            {
                return Id is not null && ResumeUrl is not null;
            }
        }
    }

    public void Saw(long sequence) => Interlocked.Exchange(ref _sequence, sequence);

    public void Started(string id, Uri resumeUrl, string? userId)
    {
        lock (_lock)
        {
            Id = id;
            ResumeUrl = resumeUrl;
            UserId = userId;
        }
    }

    public void Forget()
    {
        lock (_lock)
        {
            Id = null;
            ResumeUrl = null;
            Interlocked.Exchange(ref _sequence, -1);
        }
    }
}
