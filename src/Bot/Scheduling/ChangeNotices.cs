using System.Security.Cryptography;
using System.Text;
using CourseBot.Bot.Delivery;
using CourseBot.Core;
using CourseBot.Core.Calendar;
using CourseBot.Core.Replies;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Scheduling;

/// <summary>
/// The "what changed" notice: the first edit of a course starts a wait of
/// <see cref="PostingOptions.ChangeNoticeDelay"/>; when it ends, the difference between the version served
/// before that first edit and the one served now is posted to the course's channels, once (the slot is a
/// digest of the change set, so the same change set is never announced twice). Nothing students see
/// changed: nothing is posted.
/// </summary>
public sealed partial class ChangeNotices(
    PostTargets targets,
    PostSender<Reply> sender,
    IOptions<PostingOptions> options,
    TimeProvider time,
    ILogger<ChangeNotices> logger) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Burst> _bursts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, CourseSnapshot> _served = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Raised when a notice round finished (sent or found nothing to say), for tests to wait on.</summary>
    public event Action<string, CourseChanges>? Finished;

    /// <summary>A new version of the course is served. The first one seen is only remembered.</summary>
    public void Observe(CourseSnapshot course)
    {
        var id = course.Course.Id;
        lock (_gate)
        {
            if (!_served.TryGetValue(id, out var previous))
            {
                _served[id] = course;
                return;
            }

            _served[id] = course;
            if (_bursts.ContainsKey(id))
            {
                return; // Inside a burst: the notice already waiting will cover this edit too.
            }

            var burst = new Burst(previous);
            _bursts[id] = burst;
            burst.Timer = time.CreateTimer(_ => _ = PostAsync(id), null, options.Value.ChangeNoticeDelay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Ends the burst of the course and posts what changed across it.</summary>
    public async Task PostAsync(string courseId)
    {
        CourseSnapshot before;
        CourseSnapshot after;
        lock (_gate)
        {
            if (!_bursts.Remove(courseId, out var burst))
            {
                return;
            }

            burst.Timer?.Dispose();
            before = burst.Before;
            after = _served[courseId];
        }

        var changes = CourseChanges.Between(before, after);
        try
        {
            if (!changes.IsEmpty)
            {
                var notice = changes.ToNotice(after);
                var slot = "changes-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(changes.ToString())).AsSpan(0, 12));
                foreach (var target in targets.For(after))
                {
                    var outcome = await sender.SendAsync(new PostKey(courseId, slot, PostKinds.Change, target.Platform, target.Channel), notice, CancellationToken.None);
                    LogNotice(courseId, target.Platform, target.Channel, outcome);
                }
            }
        }
#pragma warning disable CA1031 // A timer callback has no caller to tell: the failure is logged, and the change stays visible in the edited posts.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogNoticeFailed(e, courseId);
        }
        finally
        {
            Finished?.Invoke(courseId, changes);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var burst in _bursts.Values)
            {
                burst.Timer?.Dispose();
            }

            _bursts.Clear();
        }
    }

    private sealed class Burst(CourseSnapshot before)
    {
        public CourseSnapshot Before { get; } = before;

        public ITimer? Timer { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Course {CourseId}: the what-changed notice to {Platform}:{Channel}: {Outcome}")]
    private partial void LogNotice(string courseId, string platform, string channel, PostOutcome outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "Course {CourseId}: the what-changed notice could not be posted")]
    private partial void LogNoticeFailed(Exception exception, string courseId);
}
