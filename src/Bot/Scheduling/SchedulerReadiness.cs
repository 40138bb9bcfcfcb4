using System.Text.Json;
using CourseBot.Bot.Hosting;
using Quartz;

namespace CourseBot.Bot.Scheduling;

/// <summary>Ready once the scheduler runs; reports the next posts it will send.</summary>
public sealed class SchedulerReadiness(ISchedulerFactory schedulers) : IReadinessReport
{
    private const int NextPosts = 5;

    public string Name => "scheduler";

    public async Task<bool> WriteAsync(Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var status = await scheduler.GetStatus(cancellationToken);
        var running = status == SchedulerStatus.Running;
        json.WriteStartObject();
        json.WriteString("state", status.ToString().ToLowerInvariant());
        json.WriteStartArray("nextPosts");
        if (running)
        {
            var triggers = new List<(string Name, DateTimeOffset At)>();
            foreach (var key in await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(SendPostJob.Group), cancellationToken))
            {
                if (await scheduler.GetTrigger(key, cancellationToken) is { } trigger && trigger.NextFireTimeUtc is { } next)
                {
                    triggers.Add((key.Name, next));
                }
            }

            foreach (var (name, at) in triggers.OrderBy(t => t.At).Take(NextPosts))
            {
                json.WriteStartObject();
                json.WriteString("post", name);
                json.WriteString("at", at);
                json.WriteEndObject();
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
        return running;
    }
}
