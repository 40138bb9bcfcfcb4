using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CourseBot.Bot.Delivery;
using CourseBot.Bot.Scheduling;
using CourseBot.Core;
using CourseBot.Core.Leads;
using CourseBot.Core.Replies;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Leads;

/// <summary>
/// Keeps a course's roster messages current: each one goes out when it is due (see <see cref="Plan"/>) and is
/// afterwards edited in place whenever what it shows changes, through the ledger (one edit per content version,
/// across nodes; a deleted roster is posted again once). Also releases sign-ups of papers that can no longer be
/// led and tells their students. Safe to run on every node at any time: the ledger and the store decide once.
/// </summary>
public sealed partial class RosterBoard(
    ILeadStore store,
    PostTargets targets,
    PostEditor<Reply> editor,
    PrivateNotices notices,
    IOptions<PostingOptions> options,
    TimeProvider time,
    ILogger<RosterBoard> logger)
{
    public const string TermSlot = "term";

    private static readonly EditOptions Keep = new(SendIfMissing: false, RepostIfGone: true);
    private static readonly EditOptions SendOrKeep = new(SendIfMissing: true, RepostIfGone: true);

    /// <summary>
    /// The roster messages of a course and when each goes out. With <c>opens</c> every roster goes out then
    /// (sign-ups for every week open at once, so every week's roster is worth seeing); without it sign-ups are open
    /// from the start and a week's roster goes out with that week's announcement (the term's with the first one).
    /// Weeks without papers to lead have no roster.
    /// </summary>
    public static IReadOnlyList<RosterPost> Plan(CourseSnapshot course)
    {
        if (LeadCatalog.For(course) is not { } catalog)
        {
            return [];
        }

        var announced = PostPlanner.Plan(course)
            .Where(p => p.Kind == PostKinds.Announcement)
            .ToDictionary(p => p.Week.Start, p => p.Due);
        var weeks = catalog.Papers.Select(p => p.WeekStart).Distinct().Order().ToArray();
        var opens = catalog.Policy.Opens;
        if (catalog.Policy.Roster == RosterScope.Term)
        {
            var first = weeks.Select(w => announced.TryGetValue(w, out var due) ? due : (DateTimeOffset?)null).FirstOrDefault(d => d is not null);
            return (opens ?? first) is { } at ? [new RosterPost(TermSlot, at, null)] : [];
        }

        var posts = new List<RosterPost>();
        foreach (var week in weeks)
        {
            if ((opens ?? (announced.TryGetValue(week, out var due) ? due : null)) is { } at)
            {
                posts.Add(new RosterPost(week.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), at, week));
            }
        }

        return posts;
    }

    /// <summary>What a roster message shows now.</summary>
    public static Reply Compose(LeadCatalog catalog, RosterPost post, IReadOnlyList<LeadSignup> signups) =>
        post.Week is { } week ? LeadRoster.Week(catalog, week, signups) : LeadRoster.Term(catalog, signups);

    /// <summary>A digest of what a message shows: equal content, equal version, on every node.</summary>
    public static string Version(Reply reply) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(PlainTextRenderer.Render(reply))).AsSpan(0, 12));

    /// <summary>
    /// One pass over a course: releases sign-ups whose paper can no longer be led (telling each student), then
    /// brings every roster that is due to its current content — sent if it has not gone out and is within the grace
    /// period, else edited (re-posted once if deleted). Returns when to try again when a platform said "later" or
    /// another node was mid-way; null when everything is current.
    /// </summary>
    public async Task<TimeSpan?> EnsureAsync(CourseSnapshot course, CancellationToken ct)
    {
        if (LeadCatalog.For(course) is not { } catalog)
        {
            return null;
        }

        var courseId = course.Course.Id;
        var signups = await store.ListAsync(courseId, ct);
        TimeSpan? retry = null;
        if (signups.Any(s => catalog.Find(s.PaperKey) is null))
        {
            retry = await ReleaseAsync(catalog, signups, ct);
            signups = await store.ListAsync(courseId, ct);
        }

        var now = time.GetUtcNow();
        foreach (var post in Plan(course).Where(p => p.Due <= now))
        {
            var content = Compose(catalog, post, signups);
            var version = Version(content);
            var send = now - post.Due <= options.Value.GracePeriod;
            foreach (var target in targets.For(course))
            {
                var key = new PostKey(courseId, post.Slot, PostKinds.Roster, target.Platform, target.Channel);
                var outcome = await editor.EnsureCurrentAsync(key, content, version, send ? SendOrKeep : Keep, ct);
                if (outcome.ShouldRetry)
                {
                    var wait = outcome.RetryAfter ?? options.Value.RetryDelay;
                    retry = retry is { } r && r < wait ? r : wait;
                    LogLater(key.ToString(), outcome.Reason ?? outcome.Status.ToString(), wait);
                }
            }
        }

        if (catalog.Policy.Roster == RosterScope.Week)
        {
            // A week whose papers all moved away has no roster planned any more; one it already has still shows them.
            var planned = Plan(course).Select(p => p.Week).ToHashSet();
            foreach (var week in course.Calendar.Weeks.Where(w => !planned.Contains(w.Start)))
            {
                var content = LeadRoster.Week(catalog, week.Start, signups);
                var version = Version(content);
                foreach (var target in targets.For(course))
                {
                    var key = new PostKey(courseId, week.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), PostKinds.Roster, target.Platform, target.Channel);
                    var outcome = await editor.EnsureCurrentAsync(key, content, version, Keep, ct);
                    if (outcome.ShouldRetry)
                    {
                        var wait = outcome.RetryAfter ?? options.Value.RetryDelay;
                        retry = retry is { } r && r < wait ? r : wait;
                    }
                }
            }
        }

        return retry;
    }

    /// <summary>Releases every sign-up whose paper left the leadable papers and tells each released student once.</summary>
    private async Task<TimeSpan?> ReleaseAsync(LeadCatalog catalog, IReadOnlyList<LeadSignup> signups, CancellationToken ct)
    {
        TimeSpan? retry = null;
        var courseId = catalog.Course.Course.Id;
        foreach (var held in signups.Where(s => catalog.Find(s.PaperKey) is null).GroupBy(s => s.PaperKey, StringComparer.OrdinalIgnoreCase))
        {
            // Told first, released after: a notice the platform refuses for now keeps the sign-ups for the next pass,
            // so no student loses a slot untold. Several nodes telling at once send one notice each (the ledger's key).
            TimeSpan? later = null;
            foreach (var signup in held)
            {
                if (await TellReleasedAsync(catalog, signup, ct) is { } wait)
                {
                    later = later is { } l && l < wait ? l : wait;
                }
            }

            if (later is { } notYet)
            {
                retry = retry is { } r && r < notYet ? r : notYet;
                continue;
            }

            foreach (var signup in await store.ReleasePaperAsync(courseId, held.Key, ct))
            {
                LogReleased(courseId, held.Key, signup.Student.Platform, signup.Student.UserId);
            }
        }

        return retry;
    }

    /// <summary>
    /// Tells the released student privately (a DM, else one mention in the course channel), keyed by paper and sign-up
    /// time, so it goes out once however many nodes try.
    /// </summary>
    private async Task<TimeSpan?> TellReleasedAsync(LeadCatalog catalog, LeadSignup signup, CancellationToken ct)
    {
        var title = catalog.Course.Search.Find(signup.PaperKey, 1).FirstOrDefault(m => string.Equals(m.Paper.Key, signup.PaperKey, StringComparison.OrdinalIgnoreCase))?.Paper.Title;
        var slot = $"{signup.PaperKey}/{signup.SignedUpAt.ToUnixTimeMilliseconds()}";
        var outcome = await notices.TellAsync(catalog.Course, PostKinds.LeadReleased, slot, signup.Student, LeadReplies.Released(catalog, signup.PaperKey, title), ct);
        return outcome is PostOutcome.RetryableFailure or PostOutcome.InProgress ? options.Value.RetryDelay : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Roster {Key} not current yet ({Reason}); trying again in {Wait}")]
    private partial void LogLater(string key, string reason, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Course {CourseId}: paper {PaperKey} can no longer be led; released the sign-up of {Platform} user {UserId}")]
    private partial void LogReleased(string courseId, string paperKey, string platform, string userId);
}

/// <summary>One roster message: its slot (the week's Monday, or "term"), when it goes out, and its week (null: the term).</summary>
public sealed record RosterPost(string Slot, DateTimeOffset Due, DateOnly? Week);
