using Quartz;

namespace CourseBot.Bot.Tests.Scheduling;

/// <summary>Notes each firing in the shared <see cref="FiringLog"/>.</summary>
public sealed class NoteFiringJob(FiringLog log) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        log.Note(context.Trigger.Key.Name, context.Scheduler.SchedulerInstanceId);
        return ValueTask.CompletedTask;
    }
}
