using CourseBot.Core.Calendar;

namespace CourseBot.Bot.Scheduling;

/// <summary>
/// A post the calendar calls for: the weekly announcement, a holiday notice, or a response reminder.
/// </summary>
/// <param name="Slot">
/// Names the occurrence independent of week numbering, so an edit that renumbers weeks does not make an
/// old post look new: the week's Monday for announcements, the deadline and lead time for reminders.
/// </param>
/// <param name="Kind">One of <see cref="PostKinds"/>.</param>
public sealed record PlannedPost(string CourseId, string Kind, string Slot, DateTimeOffset Due, CourseWeek Week, ClassMeeting? Meeting)
{
    /// <summary>The Quartz job (and first trigger) name of this post: unique per course, kind and slot.</summary>
    public string JobName => $"{CourseId}/{Kind}/{Slot}";
}
