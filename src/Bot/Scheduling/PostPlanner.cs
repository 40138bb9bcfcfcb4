using System.Globalization;
using CourseBot.Core;
using CourseBot.Core.Calendar;
using CourseBot.Core.Commands;
using CourseBot.Core.Replies;
using Quartz;

namespace CourseBot.Bot.Scheduling;

/// <summary>
/// Every post a course's calendar calls for, with its due time. The announcement time comes from the
/// course's Quartz cron expression evaluated in the course's time zone (so daylight-saving changes
/// neither skip nor double it); reminders come a set lead time before each response deadline.
/// </summary>
public static class PostPlanner
{
    public static IReadOnlyList<PlannedPost> Plan(CourseSnapshot course)
    {
        // Why slots are not week numbers: an edit that renumbers weeks must not make a sent post look new.
        var posts = new List<PlannedPost>();
        var definition = course.Course;
        var cron = new CronExpression(definition.AnnouncementCron, definition.TimeZone);
        foreach (var week in course.Calendar.Weeks)
        {
            var weekStart = course.Calendar.LocalToInstant(week.Start, TimeOnly.MinValue);
            var nextWeekStart = course.Calendar.LocalToInstant(week.End.AddDays(1), TimeOnly.MinValue);
            if (cron.GetNextValidTimeAfter(weekStart.AddSeconds(-1)) is { } due && due < nextWeekStart)
            {
                var slot = week.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                if (week.IsHoliday && definition.HolidayNotice is not null)
                {
                    posts.Add(new PlannedPost(definition.Id, PostKinds.Holiday, slot, due, week, null));
                }
                else if (!week.IsHoliday && week.HasReadings)
                {
                    posts.Add(new PlannedPost(definition.Id, PostKinds.Announcement, slot, due, week, null));
                }
            }

            if (!week.HasReadings)
            {
                continue;
            }

            foreach (var meeting in week.Meetings)
            {
                // A reminder names its class's papers: a class that discusses none has no response due.
                if (meeting.ResponseDue is not { } deadline || meeting.Readings.Count == 0)
                {
                    continue;
                }

                foreach (var lead in definition.ReminderLeadTimes)
                {
                    var slot = $"{deadline.UtcDateTime.ToString("yyyy-MM-ddTHH:mm'Z'", CultureInfo.InvariantCulture)}-{(int)lead.TotalMinutes}m";
                    posts.Add(new PlannedPost(definition.Id, PostKinds.Reminder, slot, deadline - lead, week, meeting));
                }
            }
        }

        return posts.OrderBy(p => p.Due).ToArray();
    }

    /// <summary>What a planned post says, composed from the course as it is now.</summary>
    public static Reply? Compose(CourseSnapshot course, PlannedPost post) => post.Kind switch
    {
        PostKinds.Reminder when post.Meeting is not null => Announcements.Reminder(course, post.Week, post.Meeting),
        _ => Announcements.Weekly(course, post.Week),
    };
}
