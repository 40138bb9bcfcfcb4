using CourseBot.Bot.Hosting;
using Quartz;

namespace CourseBot.Bot.Scheduling;

/// <summary>
/// Asks for an <see cref="EditRoundJob"/> at start for every course with <c>channels.pinSchedule</c>: the courses
/// are loaded before <see cref="FollowEdits"/> listens for changes, so without this a schedule would wait for the
/// first edit of its course. The round posts, pins or edits what is missing and is harmless when all is current.
/// </summary>
public sealed partial class PinnedScheduleStart(
    CourseCatalog catalog,
    ISchedulerFactory schedulers,
    TimeProvider time,
    ILogger<PinnedScheduleStart> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var courses = catalog.Courses.Where(c => c.Course.Channels.PinSchedule).Select(c => c.Course.Id).ToArray();
        if (courses.Length == 0)
        {
            return;
        }

        try
        {
            var scheduler = await schedulers.GetScheduler(cancellationToken);
            foreach (var courseId in courses)
            {
                await EditRoundJob.ScheduleAsync(scheduler, courseId, time.GetUtcNow(), cancellationToken);
            }
        }
        catch (Exception e) when (e is SchedulerException or System.Data.Common.DbException)
        {
            // The store is unreachable: the next change of the course asks for the round again.
            LogScheduleFailed(e, string.Join(", ", courses));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Error, Message = "Courses {CourseIds}: could not ask for the round that posts and pins the term schedule")]
    private partial void LogScheduleFailed(Exception exception, string courseIds);
}
