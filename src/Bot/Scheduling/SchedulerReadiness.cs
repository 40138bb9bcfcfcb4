using System.Data.Common;
using System.Text.Json;
using CourseBot.Bot.Hosting;
using Quartz;

namespace CourseBot.Bot.Scheduling;

/// <summary>
/// Ready once the scheduler runs, the store answers, and no post it owes is stuck (see
/// <see cref="PostReconciler"/>); reports the next posts it will send.
/// </summary>
public sealed class SchedulerReadiness(ISchedulerFactory schedulers, StoreHealth health, SqliteStoreWatch watch) : IReadinessReport
{
    private const int NextPosts = 5;

    public string Name => "scheduler";

    public async Task<bool> WriteAsync(Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var status = await scheduler.GetStatus(cancellationToken);
        var running = status == SchedulerStatus.Running;
        if (watch.Problem() is { } gone)
        {
            health.Failed(new StoreGoneException(gone));
        }

        var store = health.Current;
        json.WriteStartObject();
        json.WriteString("state", status.ToString().ToLowerInvariant());
        json.WriteString("store", store.Gone ?? store.Unreachable ?? "ok");
        json.WriteNumber("owedPosts", store.OwedPosts);
        json.WriteStartArray("nextPosts");
        if (running && store.Gone is null)
        {
            try
            {
                await WriteNextPostsAsync(scheduler, json, cancellationToken);
            }
            catch (Exception e) when (e is DbException or SchedulerException)
            {
                // The store stopped answering since the last check: report it now rather than fail /readyz.
                health.Failed(e);
                store = health.Current;
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
        return running && store.Healthy;
    }

    private static async Task WriteNextPostsAsync(IScheduler scheduler, Utf8JsonWriter json, CancellationToken cancellationToken)
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
}
