using CourseBot.Bot.Hosting;
using CourseBot.Core;
using Quartz;

namespace CourseBot.Bot.Scheduling;

/// <summary>
/// Makes sent posts follow edits of a course: each newly served version asks Quartz for an
/// <see cref="EditRoundJob"/> (the version served at start too, so edits made while the bot was down are caught
/// up) and tells <see cref="ChangeNotices"/>, which posts one "what changed" notice per burst of edits (comparing
/// the version served at start with its stored baseline).
/// </summary>
public sealed partial class FollowEdits(
    CourseCatalog catalog,
    ISchedulerFactory schedulers,
    ChangeNotices notices,
    TimeProvider time,
    ILogger<FollowEdits> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var course in catalog.Courses)
        {
            notices.Observe(course);
            _ = ScheduleRoundAsync(course.Course.Id);
        }

        catalog.Changed += OnChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        catalog.Changed -= OnChanged;
        return Task.CompletedTask;
    }

    private void OnChanged(CourseSnapshot course)
    {
        notices.Observe(course);
        _ = ScheduleRoundAsync(course.Course.Id);
    }

    private async Task ScheduleRoundAsync(string courseId)
    {
        try
        {
            var scheduler = await schedulers.GetScheduler();
            await EditRoundJob.ScheduleAsync(scheduler, courseId, time.GetUtcNow(), CancellationToken.None);
        }
        catch (Exception e) when (e is SchedulerException or System.Data.Common.DbException)
        {
            // The store is unreachable: the next edit, or the next start, asks for the round again.
            LogScheduleFailed(e, courseId);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Course {CourseId}: could not ask for a round of edits of the sent posts")]
    private partial void LogScheduleFailed(Exception exception, string courseId);
}
