namespace CourseBot.Core.Calendar;

/// <summary>The channels a course posts to, per platform (ids as the platform gives them).</summary>
public sealed record CourseChannels(IReadOnlyList<string> Discord, IReadOnlyList<string> Slack)
{
    public static CourseChannels None { get; } = new([], []);

    /// <summary>One pinned term-schedule message per channel, kept current when the course changes (<c>channels.pinSchedule</c>).</summary>
    public bool PinSchedule { get; init; }
}
