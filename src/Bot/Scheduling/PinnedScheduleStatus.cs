using System.Collections.Concurrent;
using CourseBot.Bot.Delivery;

namespace CourseBot.Bot.Scheduling;

/// <summary>Channels where the platform refused to pin the schedule, and what to do (for <c>/readyz</c>); cleared by a pin that works.</summary>
public sealed class PinnedScheduleStatus
{
    private readonly ConcurrentDictionary<string, string> _refused = new(StringComparer.Ordinal);

    /// <summary>"platform:channel" → why the pin was refused and how to allow it.</summary>
    public IReadOnlyDictionary<string, string> Refused => _refused;

    public void Pinned(PostKey key) => _refused.TryRemove(Name(key), out _);

    public void Refuse(PostKey key, string reason) => _refused[Name(key)] = reason;

    private static string Name(PostKey key) => $"{key.Platform}:{key.Channel}";
}
