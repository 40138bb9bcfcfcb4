namespace CourseBot.Bot.Discord.Gateway;

/// <summary>What to do with one more question from a user.</summary>
public enum MentionVerdict
{
    /// <summary>Within the limit: answer it.</summary>
    Answer,

    /// <summary>The first question over the limit: say so once, politely.</summary>
    SlowDown,

    /// <summary>Still over the limit and already told: stay quiet rather than flood the channel.</summary>
    Quiet,
}

/// <summary>
/// At most <see cref="PerWindow"/> answered questions per user in any <see cref="Window"/> (a sliding window on the
/// injected clock). Memory stays bounded: a user is forgotten once their last question is a window old.
/// </summary>
public sealed class MentionRateLimit(TimeProvider time)
{
    public const int PerWindow = 5;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Users remembered before idle ones are swept out.</summary>
    private const int SweepAbove = 1024;

    private readonly Dictionary<string, Asker> _askers = new(StringComparer.Ordinal);

    public MentionVerdict Take(string userId)
    {
        var now = time.GetUtcNow();
        lock (_askers)
        {
            if (_askers.Count > SweepAbove)
            {
                foreach (var idle in _askers.Where(a => a.Value.IdleAt(now)).Select(a => a.Key).ToArray())
                {
                    _askers.Remove(idle);
                }
            }

            if (!_askers.TryGetValue(userId, out var asker))
            {
                asker = new Asker();
                _askers[userId] = asker;
            }

            while (asker.Answered.Count > 0 && now - asker.Answered.Peek() >= Window)
            {
                asker.Answered.Dequeue();
            }

            if (asker.Answered.Count < PerWindow)
            {
                asker.Answered.Enqueue(now);
                asker.Told = false;
                return MentionVerdict.Answer;
            }

            if (asker.Told)
            {
                return MentionVerdict.Quiet;
            }

            asker.Told = true;
            return MentionVerdict.SlowDown;
        }
    }

    private sealed class Asker
    {
        public Queue<DateTimeOffset> Answered { get; } = new();

        /// <summary>Whether the user was told about the limit since their last answered question.</summary>
        public bool Told { get; set; }

        public bool IdleAt(DateTimeOffset now) => Answered.Count == 0 || now - Answered.Last() >= Window;
    }
}
