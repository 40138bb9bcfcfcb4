using System.Collections.Immutable;
using CourseBot.Core;

namespace CourseBot.Bot.Hosting;

/// <summary>
/// The courses the bot serves right now. Replies read a snapshot without locks; a refresh swaps a
/// course's snapshot in one step, so a reply never mixes two versions.
/// </summary>
public sealed class CourseCatalog
{
    private ImmutableDictionary<string, CourseStatus> _courses = ImmutableDictionary.Create<string, CourseStatus>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Raised after a course's snapshot changed (first load included), for rescheduling posts.</summary>
    public event Action<CourseSnapshot>? Changed;

    /// <summary>True once every configured course was loaded at least once.</summary>
    public bool IsLoaded { get; private set; }

    public IReadOnlyCollection<CourseStatus> Statuses => _courses.Values.OrderBy(s => s.Snapshot.Course.Id, StringComparer.Ordinal).ToArray();

    public IEnumerable<CourseSnapshot> Courses => Statuses.Select(s => s.Snapshot);

    public CourseSnapshot? Find(string id) => StatusOf(id)?.Snapshot;

    public CourseStatus? StatusOf(string id) => _courses.TryGetValue(id, out var status) ? status : null;

    /// <summary>The only course, or the one named; null when ambiguous or unknown.</summary>
    public CourseSnapshot? FindOrSingle(string? id) =>
        id is not null ? Find(id) : _courses.Count == 1 ? _courses.Values.First().Snapshot : null;

    public void Publish(CourseStatus status)
    {
        ImmutableInterlocked.Update(ref _courses, courses => courses.SetItem(status.Snapshot.Course.Id, status));
        Changed?.Invoke(status.Snapshot);
    }

    /// <summary>Keeps serving the current version but records why a newer one was refused.</summary>
    public void Reject(string courseId, string problem) =>
        ImmutableInterlocked.Update(ref _courses, courses =>
            courses.TryGetValue(courseId, out var status) ? courses.SetItem(courseId, status with { RejectedProblem = problem }) : courses);

    /// <summary>The newest version is the one served again (fixed, or restored): nothing is refused any more.</summary>
    public void ClearRejection(string courseId) =>
        ImmutableInterlocked.Update(ref _courses, courses =>
            courses.TryGetValue(courseId, out var status) && status.RejectedProblem is not null ? courses.SetItem(courseId, status with { RejectedProblem = null }) : courses);

    public void MarkLoaded() => IsLoaded = true;
}
