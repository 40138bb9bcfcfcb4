using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CourseBot.Bot.Delivery;
using CourseBot.Bot.Storage;
using CourseBot.Core;
using CourseBot.Core.Calendar;
using CourseBot.Core.Replies;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Scheduling;

/// <summary>
/// The "what changed" notice. Each course has a stored baseline (<see cref="ChangeBaselines"/>): the outline of
/// the version last announced, or first served. An edit starts a wait of <see cref="PostingOptions.ChangeNoticeDelay"/>;
/// when it ends, the difference between the baseline and the version served now is posted to the course's
/// channels, once (the slot is a digest of the change set, so the same change set is never announced twice),
/// and the baseline moves to the version served. Nothing students see changed: nothing is posted.
/// </summary>
/// <remarks>
/// The baseline is stored, not held in memory, so a restart in the middle of a burst, or edits made while the bot
/// was down, still give their notice: the first version served after a start is compared with the baseline and,
/// when they differ, starts a burst. The baseline moves together with the notice it owes (one compare-and-swap), so
/// of several nodes ending the same burst only one announces it; a node that finds the baseline moved by another
/// node during its wait, to a version it does not serve, waits again instead of announcing (it may be behind). A
/// send refused for now, or cut by a restart, stays owed and is tried again after <see cref="PostingOptions.RetryDelay"/>
/// (the ledger keeps it to one message per channel).
/// </remarks>
public sealed partial class ChangeNotices(
    PostTargets targets,
    PostSender<Reply> sender,
    ChangeBaselines baselines,
    IOptions<PostingOptions> options,
    TimeProvider time,
    ILogger<ChangeNotices> logger) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, WaitEntry> _waits = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, CourseSnapshot> _served = new(StringComparer.OrdinalIgnoreCase);

    // One notice round at a time: the first look at a course, a burst's end and a retry read and move the same row.
    private readonly SemaphoreSlim _turn = new(1, 1);

    // The baseline digest this process last read or wrote, per course (only touched inside a turn).
    private readonly Dictionary<string, string> _known = new(StringComparer.OrdinalIgnoreCase);
    private bool _disposed;

    /// <summary>Raised when a notice round finished with nothing left owed (sent, or nothing to say), for tests to wait on.</summary>
    public event Action<string, CourseChanges>? Finished;

    /// <summary>
    /// A new version of the course is served. The first one seen by this process is compared with the stored
    /// baseline (and becomes it when there is none); a later one starts a burst unless one is waiting.
    /// </summary>
    public void Observe(CourseSnapshot course)
    {
        var id = course.Course.Id;
        bool first;
        lock (_gate)
        {
            first = !_served.ContainsKey(id);
            _served[id] = course;
            if (!first)
            {
                WaitLocked(id, options.Value.ChangeNoticeDelay);
                return;
            }
        }

        _ = RunAsync(id, course);
    }

    /// <summary>Ends the course's wait now and posts what changed since the baseline.</summary>
    public Task PostAsync(string courseId)
    {
        lock (_gate)
        {
            if (_waits.Remove(courseId, out var wait))
            {
                wait.Timer?.Dispose();
            }
        }

        return RunAsync(courseId, null);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var wait in _waits.Values)
            {
                wait.Timer?.Dispose();
            }

            _waits.Clear();
        }
    }

    /// <summary>Starts a wait for the course unless one is running (it will cover this version too).</summary>
    private void WaitLocked(string id, TimeSpan delay)
    {
        if (_disposed || _waits.ContainsKey(id))
        {
            return;
        }

        // Created under the lock: a timer that fires at once waits for its entry to be in place.
        var wait = new WaitEntry();
        _waits[id] = wait;
        wait.Timer = time.CreateTimer(_ => Fire(id, wait), null, delay, Timeout.InfiniteTimeSpan);
    }

    private void Fire(string id, WaitEntry wait)
    {
        lock (_gate)
        {
            // Only this wait's own entry: a wait started after it fired is left alone.
            if (_waits.TryGetValue(id, out var current) && ReferenceEquals(current, wait))
            {
                _waits.Remove(id);
            }

            wait.Timer?.Dispose();
        }

        _ = RunAsync(id, null);
    }

    private void Wait(string id, TimeSpan delay)
    {
        lock (_gate)
        {
            WaitLocked(id, delay);
        }
    }

    /// <param name="firstSeen">The first version this process served, on its first look; null at the end of a wait.</param>
    private async Task RunAsync(string courseId, CourseSnapshot? firstSeen)
    {
        await _turn.WaitAsync();
        try
        {
            var done = await SettleAsync(courseId, firstSeen);
            if (done is not null)
            {
                Finished?.Invoke(courseId, done);
            }
        }
#pragma warning disable CA1031 // A timer callback has no caller to tell: the failure is logged and the round tried again later.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogNoticeFailed(e, courseId, options.Value.RetryDelay);
            Wait(courseId, options.Value.RetryDelay);
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>One round; returns what was announced (empty: nothing to say), or null when something is left for later.</summary>
    private async Task<CourseChanges?> SettleAsync(string courseId, CourseSnapshot? firstSeen)
    {
        CourseSnapshot served;
        lock (_gate)
        {
            served = _served[courseId];
        }

        var baseline = await baselines.FindAsync(courseId, CancellationToken.None);
        if (baseline is null)
        {
            // The course's first version ever: nothing to compare with yet.
            var first = CourseOutline.Of(firstSeen ?? served);
            await baselines.TryCreateAsync(courseId, first.Digest, first.ToJson(), time.GetUtcNow(), CancellationToken.None);
            _known[courseId] = first.Digest;
            return firstSeen is null ? Empty : null;
        }

        var announced = Empty;
        if (baseline is { NoticeSlot: { } owedSlot, NoticeChanges: { } owedJson })
        {
            var owed = JsonSerializer.Deserialize(owedJson, ChangeNoticeJson.Default.CourseChanges)!;
            if (!await SendAsync(served, owedSlot, owed))
            {
                return null;
            }

            await baselines.SettleNoticeAsync(courseId, owedSlot, CancellationToken.None);
            announced = owed;
            baseline = baseline with { NoticeSlot = null, NoticeChanges = null };
        }

        var now = CourseOutline.Of(served);
        var known = _known.GetValueOrDefault(courseId);
        _known[courseId] = baseline.Digest;
        if (baseline.Digest == now.Digest)
        {
            return announced;
        }

        if (known is not null && known != baseline.Digest)
        {
            // Another node moved the baseline during this wait, to a version this node does not serve: one of the
            // two is behind. Announcing now could undo its notice; a new wait gives this node time to catch up.
            LogMovedElsewhere(courseId);
            Wait(courseId, options.Value.ChangeNoticeDelay);
            return null;
        }

        if (firstSeen is not null)
        {
            // Edited while this process was not serving (down, or restarted mid-burst): a burst, as for a live edit.
            Wait(courseId, options.Value.ChangeNoticeDelay);
            return null;
        }

        var changes = CourseChanges.Between(Before(courseId, baseline), now);
        var slot = changes.IsEmpty ? null : "changes-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(changes.ToString())).AsSpan(0, 12));
        var json = changes.IsEmpty ? null : JsonSerializer.Serialize(changes, ChangeNoticeJson.Default.CourseChanges);
        if (!await baselines.TryAdvanceAsync(courseId, baseline.Digest, now.Digest, now.ToJson(), slot, json, time.GetUtcNow(), CancellationToken.None))
        {
            // Another node moved the baseline first and announces its move. When what it announced is not what
            // this node serves, one of the two is behind: a new wait gives it time to catch up before comparing again.
            LogMovedElsewhere(courseId);
            var moved = await baselines.FindAsync(courseId, CancellationToken.None);
            if (moved is not null)
            {
                _known[courseId] = moved.Digest;
            }

            if (moved?.Digest != now.Digest)
            {
                Wait(courseId, options.Value.ChangeNoticeDelay);
                return null;
            }

            return Empty;
        }

        _known[courseId] = now.Digest;
        if (slot is null)
        {
            return Empty;
        }

        if (!await SendAsync(served, slot, changes))
        {
            return null;
        }

        await baselines.SettleNoticeAsync(courseId, slot, CancellationToken.None);
        return changes;
    }

    private CourseOutline Before(string courseId, ChangeBaseline baseline)
    {
        try
        {
            return CourseOutline.FromJson(baseline.Outline);
        }
        catch (JsonException e)
        {
            // A baseline this version cannot read (written by a newer one, or damaged): compare with nothing
            // would announce every paper; announcing nothing and starting afresh from now is the lesser harm.
            LogUnreadableBaseline(e, courseId);
            return CourseOutline.Of(_served[courseId]);
        }
    }

    /// <summary>Posts the notice to every channel of the course; false when some channel should be tried again later.</summary>
    private async Task<bool> SendAsync(CourseSnapshot course, string slot, CourseChanges changes)
    {
        var notice = changes.ToNotice(course);
        var later = false;
        foreach (var target in targets.For(course))
        {
            var outcome = await sender.SendAsync(new PostKey(course.Course.Id, slot, PostKinds.Change, target.Platform, target.Channel), notice, CancellationToken.None);
            LogNotice(course.Course.Id, target.Platform, target.Channel, outcome);
            later |= outcome is PostOutcome.RetryableFailure or PostOutcome.InProgress;
        }

        if (later)
        {
            LogNoticeLater(course.Course.Id, options.Value.RetryDelay);
            Wait(course.Course.Id, options.Value.RetryDelay);
        }

        return !later;
    }

    private static CourseChanges Empty { get; } = new([]);

    private sealed class WaitEntry
    {
        public ITimer? Timer { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Course {CourseId}: the what-changed notice to {Platform}:{Channel}: {Outcome}")]
    private partial void LogNotice(string courseId, string platform, string channel, PostOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Course {CourseId}: the what-changed notice is refused for now on some channel; tried again in {Delay}")]
    private partial void LogNoticeLater(string courseId, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Course {CourseId}: another copy of the bot announced this change")]
    private partial void LogMovedElsewhere(string courseId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Course {CourseId}: the stored baseline of the what-changed notice cannot be read; starting afresh from the version served")]
    private partial void LogUnreadableBaseline(Exception exception, string courseId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Course {CourseId}: the what-changed notice could not be posted; tried again in {Delay}")]
    private partial void LogNoticeFailed(Exception exception, string courseId, TimeSpan delay);
}

/// <summary>Source-generated JSON for a notice owed in the baseline row (no reflection, so a native build reads what it wrote).</summary>
[JsonSerializable(typeof(CourseChanges))]
public sealed partial class ChangeNoticeJson : JsonSerializerContext;
