namespace CourseBot.Bot.Slack;

/// <summary>Remembers the last few thousand delivery ids, so a retried event or envelope is handled once.</summary>
public sealed class RecentIds
{
    public const int Capacity = 4096;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    /// <summary>True the first time an id is seen.</summary>
    public bool FirstTime(string id)
    {
        lock (_seen)
        {
            if (!_seen.Add(id))
            {
                return false;
            }

            _order.Enqueue(id);
            if (_order.Count > Capacity)
            {
                _seen.Remove(_order.Dequeue());
            }

            return true;
        }
    }
}
