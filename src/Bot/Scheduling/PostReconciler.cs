using System.Data.Common;
using CourseBot.Bot.Delivery;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Storage;
using CourseBot.Core.Replies;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Scheduling;

/// <summary>
/// Makes the bot resume on its own after a storage fault. Every <see cref="PostingOptions.ReconcileInterval"/>
/// it finishes ledger writes a fault interrupted, then sends every post that is due (within the grace
/// period) and not recorded as sent or skipped — whether its trigger failed, was lost with the database,
/// or never fired. The ledger's claims keep this from sending anything twice (several copies of the bot
/// may all reconcile). What it finds goes to <see cref="StoreHealth"/> for <c>/readyz</c>.
/// </summary>
public sealed partial class PostReconciler(
    CourseCatalog catalog,
    PostTargets targets,
    PostRunner runner,
    PostSender<Reply> sender,
    IPostingLedger ledger,
    StoreHealth health,
    SqliteStoreWatch watch,
    IOptions<PostingOptions> options,
    TimeProvider time,
    ILogger<PostReconciler> logger) : BackgroundService
{
    // Posts this reconciler ran that must be tried again (the platform said "later", another copy holds
    // the claim): a refused post is 'failed' in the ledger and has no trigger, so only this set keeps it owed.
    // Passes never overlap (one loop), so a plain set will do.
    private readonly HashSet<string> _retrying = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(options.Value.ReconcileInterval, time, stoppingToken);
            await ReconcileAsync(stoppingToken);
        }
    }

    /// <summary>One pass; storage errors are recorded in <see cref="StoreHealth"/> and logged, not thrown.</summary>
    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (watch.Problem() is { } gone)
            {
                throw new StoreGoneException(gone);
            }

            await sender.FinishInterruptedAsync(cancellationToken);
            var owed = await OwedPostsAsync(cancellationToken);
            var stillOwed = 0;
            foreach (var post in owed)
            {
                if (await runner.RunAsync(post.CourseId, post.Kind, post.Slot, cancellationToken))
                {
                    stillOwed++;
                    _retrying.Add(post.JobName);
                }
                else
                {
                    _retrying.Remove(post.JobName);
                }
            }

            if (owed.Count > 0)
            {
                LogResumed(owed.Count, stillOwed);
            }

            if (health.Answered(stillOwed))
            {
                LogAnswersAgain();
            }
        }
        catch (DbException e) when (!cancellationToken.IsCancellationRequested)
        {
            // A file deleted or replaced was logged by SqliteStoreWatch when it noticed.
            if (health.Failed(e) && e is not StoreGoneException)
            {
                LogUnreachable(e.Message, options.Value.ReconcileInterval);
            }
        }
    }

    /// <summary>Posts due at least one interval ago (and within the grace period) that some channel has not got.</summary>
    private async Task<List<PlannedPost>> OwedPostsAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var earliest = now - options.Value.GracePeriod;
        var settled = now - options.Value.ReconcileInterval;
        var done = (await ledger.ListAsync(null, cancellationToken))
            .Where(r => r.State is PostState.Sent or PostState.Skipped or PostState.Failed)
            .Select(r => r.Key)
            .ToHashSet();
        var owed = new List<PlannedPost>();
        foreach (var course in catalog.Courses)
        {
            var channels = targets.For(course);
            foreach (var post in PostPlanner.Plan(course).Where(p => p.Due >= earliest && p.Due <= settled))
            {
                // A post with nothing to say is never recorded, so it is never owed.
                var unsent = _retrying.Contains(post.JobName)
                    || channels.Any(t => !done.Contains(new PostKey(post.CourseId, post.Slot, post.Kind, t.Platform, t.Channel)));
                if (unsent && PostPlanner.Compose(course, post) is not null)
                {
                    owed.Add(post);
                }
            }
        }

        return owed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sent or resumed posts that had not gone out when due: {Owed}; still waiting: {StillOwed} (another copy is sending them or the platform said later)")]
    private partial void LogResumed(int owed, int stillOwed);

    [LoggerMessage(Level = LogLevel.Error, Message = "The store does not answer ({Reason}); posts due meanwhile go out when it does (checked every {Interval})")]
    private partial void LogUnreachable(string reason, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Information, Message = "The store answers again; posting resumed")]
    private partial void LogAnswersAgain();
}
