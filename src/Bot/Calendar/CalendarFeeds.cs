using System.Collections.Concurrent;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Leads;
using CourseBot.Core.Leads;

namespace CourseBot.Bot.Calendar;

/// <summary>
/// The calendar feed of each course the bot serves, built once per course version and state of its sign-ups
/// (from the one snapshot the catalog serves, so a reload in progress never shows: until the new version is
/// published the last good one is what is built and served). Personal feeds are built the same way, per request.
/// </summary>
/// <param name="signups">The sign-up store; null: classes list no leads and there are no personal feeds.</param>
/// <param name="tokens">The personal feeds' tokens; null: there are no personal feeds.</param>
public sealed class CalendarFeeds(CourseCatalog catalog, ICalendarRevisions revisions, ILeadStore? signups = null, ICalendarTokens? tokens = null)
{
    private readonly ConcurrentDictionary<string, Built> _feeds = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The feed of the course's served version; null for a course the bot does not serve.</summary>
    public async Task<CalendarFeed?> FindAsync(string courseId, CancellationToken ct)
    {
        if (catalog.StatusOf(courseId) is not { } status)
        {
            return null;
        }

        var id = status.Snapshot.Course.Id;
        // Read on every request (one query): a claim on another node changes the feed here too.
        var listed = signups is not null && status.Snapshot.Course.Leads is not null ? await signups.ListAsync(id, ct) : null;
        var wanted = (status.Version, CalendarFeed.SignupsHash(listed));
        var built = _feeds.GetOrAdd(id, _ => Build(status, wanted, listed));
        if (built.Key != wanted)
        {
            // Built from an older version or older sign-ups: build this one and keep it for the next request.
            var fresh = Build(status, wanted, listed);
            _feeds.TryUpdate(id, fresh, built);
            built = fresh;
        }

        try
        {
            return await built.Feed.Value.WaitAsync(ct);
        }
        catch (Exception) when (built.Feed.Value.IsFaulted)
        {
            // A store fault: forget this build, so the next request tries again instead of failing forever.
            _feeds.TryRemove(new KeyValuePair<string, Built>(id, built));
            throw;
        }
    }

    /// <summary>
    /// The personal feed behind <paramref name="token"/>: null for a course the bot does not serve or a token it
    /// did not give for this course (malformed ones included: every token is hashed and looked up).
    /// </summary>
    public async Task<CalendarFeed?> FindPersonalAsync(string courseId, string token, CancellationToken ct)
    {
        var status = catalog.StatusOf(courseId);
        if (tokens is null || signups is null)
        {
            return null;
        }

        // Looked up even for an unknown course, so the answer takes as long whichever part was wrong.
        var owner = await tokens.FindAsync(status?.Snapshot.Course.Id ?? courseId, token, ct);
        if (status is null || owner is null)
        {
            return null;
        }

        var snapshot = status.Snapshot;
        var catalogOfLeads = LeadCatalog.For(snapshot);
        var listed = catalogOfLeads is null ? [] : await signups.ListAsync(snapshot.Course.Id, ct);
        // A course that dropped its leads section: the feed is still whole, with no events.
        catalogOfLeads ??= new LeadCatalog(snapshot, new LeadsPolicy { Papers = LeadablePapers.Listed });
        return await CalendarFeed.BuildPersonalAsync(catalogOfLeads, status.Version, listed, owner, revisions, ct);
    }

    private Built Build(CourseStatus status, (string Version, string Signups) key, IReadOnlyList<Core.Leads.LeadSignup>? listed) =>
        // Not tied to one request's cancellation: the feed is shared by every request for this version.
        new(key, new(() => CalendarFeed.BuildAsync(status.Snapshot, status.Version, revisions, CancellationToken.None, listed)));

    private sealed record Built((string Version, string Signups) Key, Lazy<Task<CalendarFeed>> Feed);
}
