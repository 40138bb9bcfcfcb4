using System.Collections.Concurrent;
using CourseBot.Bot.Hosting;

namespace CourseBot.Bot.Calendar;

/// <summary>
/// The calendar feed of each course the bot serves, built once per course version (from the one snapshot the
/// catalog serves, so a reload in progress never shows: until the new version is published the last good
/// one is what is built and served).
/// </summary>
public sealed class CalendarFeeds(CourseCatalog catalog, ICalendarRevisions revisions)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<CalendarFeed>>> _feeds = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The feed of the course's served version; null for a course the bot does not serve.</summary>
    public async Task<CalendarFeed?> FindAsync(string courseId, CancellationToken ct)
    {
        if (catalog.StatusOf(courseId) is not { } status)
        {
            return null;
        }

        var id = status.Snapshot.Course.Id;
        while (true)
        {
            var built = _feeds.GetOrAdd(id, _ => Build(status));
            CalendarFeed feed;
            try
            {
                feed = await built.Value.WaitAsync(ct);
            }
            catch (Exception) when (built.Value.IsFaulted)
            {
                // A store fault: forget this build, so the next request tries again instead of failing forever.
                _feeds.TryRemove(new KeyValuePair<string, Lazy<Task<CalendarFeed>>>(id, built));
                throw;
            }

            if (feed.Version == status.Version)
            {
                return feed;
            }

            // Built from an older version: replace it (once, whoever gets here first) and build this one.
            _feeds.TryUpdate(id, Build(status), built);
        }
    }

    private Lazy<Task<CalendarFeed>> Build(CourseStatus status) =>
        // Not tied to one request's cancellation: the feed is shared by every request for this version.
        new(() => CalendarFeed.BuildAsync(status.Snapshot, status.Version, revisions, CancellationToken.None));
}
