using System.Data.Common;
using System.Text.Json;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Storage;
using CourseBot.Core.Replies;
using Quartz;

namespace CourseBot.Bot.Scheduling;

/// <summary>
/// Ready once the scheduler runs, the store answers, and no post it owes is stuck (see
/// <see cref="PostReconciler"/>); reports the next posts it will send and those past due.
/// </summary>
public sealed class SchedulerReadiness(
    ISchedulerFactory schedulers, StoreHealth health, SqliteStoreWatch watch, TimeProvider time, CourseCatalog catalog) : ReadinessCheck
{
    private const int NextPosts = 5;

    public override async Task<bool> WriteAsync(Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var status = await scheduler.GetStatus(cancellationToken);
        var running = status == SchedulerStatus.Running;
        if (watch.Problem() is { } gone)
        {
            health.Failed(new StoreGoneException(gone));
        }

        IReadOnlyList<(string Name, DateTimeOffset At)> triggers = [];
        if (running && health.Current.Gone is null)
        {
            try
            {
                triggers = await ReadTriggersAsync(scheduler, cancellationToken);
            }
            catch (Exception e) when (e is DbException or SchedulerException)
            {
                // The store stopped answering since the last check: report it now rather than fail /readyz.
                health.Failed(e);
            }
        }

        var store = health.Current;
        json.WriteStartObject();
        json.WriteString("state", status.ToString().ToLowerInvariant());
        json.WriteString("store", store.Gone ?? store.Unreachable ?? "ok");
        json.WriteNumber("owedPosts", store.OwedPosts);

        // A trigger whose time has passed is not "next": it is overdue and listed apart.
        var now = time.GetUtcNow();
        json.WriteStartArray("nextPosts");
        WritePosts(json, triggers.Where(t => t.At >= now).OrderBy(t => t.At).Take(NextPosts));
        json.WriteEndArray();
        json.WriteStartArray("overduePosts");
        WritePosts(json, triggers.Where(t => t.At < now).OrderBy(t => t.At).Take(NextPosts));
        json.WriteEndArray();
        json.WriteEndObject();
        return running && store.Healthy;
    }

    private static async Task<IReadOnlyList<(string Name, DateTimeOffset At)>> ReadTriggersAsync(IScheduler scheduler, CancellationToken cancellationToken)
    {
        var triggers = new List<(string Name, DateTimeOffset At)>();
        foreach (var key in await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(SendPostJob.Group), cancellationToken))
        {
            if (await scheduler.GetTrigger(key, cancellationToken) is { } trigger && trigger.NextFireTimeUtc is { } next)
            {
                triggers.Add((key.Name, next));
            }
        }

        return triggers;
    }

    private void WritePosts(Utf8JsonWriter json, IEnumerable<(string Name, DateTimeOffset At)> posts)
    {
        foreach (var (name, at) in posts)
        {
            json.WriteStartObject();
            json.WriteString("post", name);
            json.WriteString("at", IsoTime.Utc(at));
            if (catalog.Find(name.Split('/')[0]) is { } course)
            {
                json.WriteString("atLocal", IsoTime.Local(at, course.TimeZone));
            }

            json.WriteEndObject();
        }
    }
}
