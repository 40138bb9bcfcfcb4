namespace CourseBot.Bot.Storage;

/// <summary>
/// How the store and the posts it owes stand, as last seen by <see cref="PostReconciler"/> and the post
/// jobs; <see cref="SchedulerReadiness"/> reports it in <c>/readyz</c>.
/// </summary>
public sealed class StoreHealth
{
    private readonly Lock _gate = new();
    private string? _unreachable;
    private string? _gone;
    private int _owedPosts;

    public StoreState Current
    {
        get
        {
            lock (_gate)
            {
                return new StoreState(_unreachable, _gone, _owedPosts);
            }
        }
    }

    /// <summary>A storage operation failed. Returns true when this is news (the store was fine before).</summary>
    public bool Failed(Exception error)
    {
        lock (_gate)
        {
            if (error is StoreGoneException)
            {
                var first = _gone is null;
                _gone ??= error.Message;
                return first;
            }

            var news = _unreachable is null;
            _unreachable = error.Message;
            return news;
        }
    }

    /// <summary>
    /// A full reconciliation pass went through; <paramref name="owedPosts"/> posts are still not out.
    /// Returns true when the store had been failing until now.
    /// </summary>
    public bool Answered(int owedPosts)
    {
        lock (_gate)
        {
            var recovered = _unreachable is not null;
            _unreachable = null;
            _owedPosts = owedPosts;
            return recovered;
        }
    }
}

/// <summary>What <see cref="StoreHealth"/> knows. <see cref="Gone"/> is for good: only a restart clears it.</summary>
public sealed record StoreState(string? Unreachable, string? Gone, int OwedPosts)
{
    public bool Healthy => Unreachable is null && Gone is null && OwedPosts == 0;
}
