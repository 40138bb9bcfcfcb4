namespace CourseBot.Bot.Conversation;

/// <summary>
/// Plain questions by mention or direct message, on every platform: at most <see cref="PerWindow"/> questions per user in a sliding <see cref="Window"/>. The first question
/// over the limit gets a polite answer, the rest of that burst none, so a flood never floods a channel back.
/// Memory stays bounded by the users who asked within a window: idle ones are forgotten.
/// </summary>
public sealed class QuestionLimit(TimeProvider time)
{
    public const int PerWindow = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Beyond this many remembered users, the idle ones are dropped.</summary>
    private const int RememberedUsers = 4096;

    private readonly Dictionary<string, UserQuestions> _users = new(StringComparer.Ordinal);

    /// <summary>Counts a question and says what to do with it.</summary>
    public QuestionVerdict Ask(string user)
    {
        var now = time.GetUtcNow();
        lock (_users)
        {
            if (!_users.TryGetValue(user, out var asked))
            {
                if (_users.Count >= RememberedUsers)
                {
                    Forget(now);
                }

                asked = new UserQuestions();
                _users[user] = asked;
            }

            while (asked.Times.Count > 0 && now - asked.Times.Peek() >= Window)
            {
                asked.Times.Dequeue();
            }

            if (asked.Times.Count < PerWindow)
            {
                asked.Times.Enqueue(now);
                asked.Told = false;
                return QuestionVerdict.Answer;
            }

            if (asked.Told)
            {
                return QuestionVerdict.Ignore;
            }

            asked.Told = true;
            return QuestionVerdict.SlowDown;
        }
    }

    private void Forget(DateTimeOffset now)
    {
        foreach (var user in _users.Where(u => u.Value.Times.Count == 0 || now - u.Value.Times.Last() >= Window).Select(u => u.Key).ToArray())
        {
            _users.Remove(user);
        }
    }

    private sealed class UserQuestions
    {
        public Queue<DateTimeOffset> Times { get; } = new();

        public bool Told { get; set; }
    }
}

/// <summary>What <see cref="QuestionLimit.Ask"/> decided.</summary>
public enum QuestionVerdict
{
    Answer,
    SlowDown,
    Ignore,
}
