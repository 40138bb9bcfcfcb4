using System.Threading.Channels;
using CourseBot.Core;
using CourseBot.Core.Calendar;
using CourseBot.Core.ReadingList;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Hosting;

/// <summary>
/// Loads the courses at start-up and keeps them current: file sources are watched, URL sources are
/// asked again on an interval with a conditional GET. A new version that is worse than the one being
/// served (it has errors and shows fewer papers, or cannot be read at all) is reported and refused;
/// the last good version keeps serving.
/// </summary>
public sealed partial class CourseRefreshService(
    CourseCatalog catalog,
    SourceReader reader,
    IOptions<CoursesOptions> options,
    TimeProvider time,
    ILogger<CourseRefreshService> logger) : BackgroundService
{
    private readonly Dictionary<string, (SourceContent? List, SourceContent? Papers)> _sources = new(StringComparer.OrdinalIgnoreCase);
    private readonly Channel<string> _changes = Channel.CreateBounded<string>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly List<FileSystemWatcher> _watchers = [];

    // The interval, the file watcher and an admin's /reload may ask at once; one refresh runs at a time.
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private IReadOnlyList<CourseDefinition> _definitions = [];

    // The last refusal reported per course: the same refused version is read again on every refresh
    // (a save raises several file events, the interval asks again), and is reported once, not each time.
    private readonly Dictionary<string, string> _reportedRefusals = new(StringComparer.OrdinalIgnoreCase);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // The first load happens before the host reports started, so /readyz and the scheduler see courses.
        await RefreshAsync(cancellationToken);
        catalog.MarkLoaded();
        Watch(options.Value.Directory);
        await base.StartAsync(cancellationToken);
    }

    /// <summary>Checks every source now; used by the interval, the file watcher and the /reload command.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            await RefreshAllAsync(cancellationToken);
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private async Task RefreshAllAsync(CancellationToken cancellationToken)
    {
        var files = CourseFile.LoadDirectory(options.Value.Directory);
        foreach (var problem in files.Diagnostics.Where(d => d.Severity == Severity.Error))
        {
            LogCourseFileProblem(problem.ToString());
        }

        if (files.Courses.Count > 0)
        {
            // A course whose file changed is rebuilt even when its reading list did not (the calendar moved).
            var previous = _definitions.ToDictionary(d => d.Id, d => d.SourceHash, StringComparer.OrdinalIgnoreCase);
            _definitions = files.Courses;
            foreach (var course in files.Courses)
            {
                var changed = !previous.TryGetValue(course.Id, out var hash) || hash != course.SourceHash;
                await RefreshCourseAsync(course, force: changed, cancellationToken);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var interval = Task.Delay(options.Value.RefreshInterval, time, wait.Token);
            var change = _changes.Reader.WaitToReadAsync(wait.Token).AsTask();
            await Task.WhenAny(interval, change);
            await wait.CancelAsync();
            if (stoppingToken.IsCancellationRequested)
            {
                break;
            }

            while (_changes.Reader.TryRead(out _))
            {
            }

            await RefreshAsync(stoppingToken);
        }
    }

    public override void Dispose()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }

        _refreshing.Dispose();
        base.Dispose();
    }

    private async Task RefreshCourseAsync(CourseDefinition course, bool force, CancellationToken cancellationToken)
    {
        _sources.TryGetValue(course.Id, out var current);
        var list = await reader.ReadAsync(course.ReadingList, current.List, cancellationToken);
        var papers = await reader.ReadAsync(course.Papers, current.Papers, cancellationToken);
        var served = catalog.Find(course.Id);

        if (list is SourceRead.Failed || papers is SourceRead.Failed)
        {
            var reason = list is SourceRead.Failed lf ? $"{course.ReadingList}: {lf.Reason}" : $"{course.Papers}: {((SourceRead.Failed)papers).Reason}";
            if (served is not null)
            {
                if (IsNewRefusal(course.Id, reason))
                {
                    LogSourceUnreadable(course.Id, reason);
                }

                catalog.Reject(course.Id, reason);
                return;
            }
        }

        if (served is not null && !force && list is SourceRead.Unchanged && papers is SourceRead.Unchanged)
        {
            // Back to the served version: a later refusal is news again.
            _reportedRefusals.Remove(course.Id);
            return;
        }

        var listContent = list is SourceRead.Changed lc ? lc.Content : current.List;
        var papersContent = papers is SourceRead.Changed pc ? pc.Content : current.Papers;
        var candidate = CourseLoader.Build(
            course,
            listContent is null ? list : new SourceRead.Changed(listContent),
            papersContent is null ? papers : new SourceRead.Changed(papersContent));

        if (served is not null && IsWorse(candidate, served))
        {
            var problem = candidate.ReadingList.Diagnostics.First(d => d.Severity == Severity.Error).ToString();
            if (IsNewRefusal(course.Id, Version(listContent, papersContent)))
            {
                LogVersionRefused(course.Id, problem);
            }

            catalog.Reject(course.Id, problem);
            return;
        }

        _sources[course.Id] = (listContent, papersContent);
        _reportedRefusals.Remove(course.Id);
        var version = Version(listContent, papersContent);
        catalog.Publish(new CourseStatus(candidate, version, time.GetUtcNow(), null));
        LogCourseLoaded(course.Id, version, candidate.ReadingList.Readings.Count, candidate.ReadingList.Diagnostics.Count);
        foreach (var diagnostic in candidate.ReadingList.Diagnostics)
        {
            LogDiagnostic(diagnostic.ToString());
        }
    }

    /// <summary>True (and remembered) when this refusal differs from the last one reported for the course.</summary>
    private bool IsNewRefusal(string courseId, string refusal)
    {
        if (_reportedRefusals.TryGetValue(courseId, out var reported) && reported == refusal)
        {
            return false;
        }

        _reportedRefusals[courseId] = refusal;
        return true;
    }

    /// <summary>A version with errors that shows students fewer papers than the served one is refused.</summary>
    internal static bool IsWorse(CourseSnapshot candidate, CourseSnapshot served) =>
        candidate.ReadingList.HasErrors
        && candidate.ReadingList.Readings.Count(r => r.IsResolved) < served.ReadingList.Readings.Count(r => r.IsResolved);

    private static string Version(SourceContent? list, SourceContent? papers) =>
        $"{list?.Hash[..8] ?? "none"}-{papers?.Hash[..8] ?? "none"}";

    private void Watch(string directory)
    {
        var folders = _definitions
            .SelectMany(d => new[] { d.ReadingList, d.Papers })
            .Where(location => !SourceReader.IsUrl(location))
            .Select(location => Path.GetDirectoryName(Path.GetFullPath(location))!)
            .Append(Path.GetFullPath(directory))
            .Where(Directory.Exists)
            .Distinct();
        foreach (var folder in folders)
        {
            var watcher = new FileSystemWatcher(folder) { NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size };
            watcher.Changed += (_, e) => _changes.Writer.TryWrite(e.FullPath);
            watcher.Created += (_, e) => _changes.Writer.TryWrite(e.FullPath);
            watcher.Renamed += (_, e) => _changes.Writer.TryWrite(e.FullPath);
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Course {CourseId}: serving version {Version} ({Readings} readings, {Diagnostics} diagnostics)")]
    private partial void LogCourseLoaded(string courseId, string version, int readings, int diagnostics);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Diagnostic}")]
    private partial void LogDiagnostic(string diagnostic);

    [LoggerMessage(Level = LogLevel.Error, Message = "Course file problem: {Diagnostic}")]
    private partial void LogCourseFileProblem(string diagnostic);

    [LoggerMessage(Level = LogLevel.Error, Message = "Course {CourseId}: source unreadable, still serving the last good version: {Reason}")]
    private partial void LogSourceUnreadable(string courseId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Course {CourseId}: refused a new version that is worse than the one served: {Problem}")]
    private partial void LogVersionRefused(string courseId, string problem);
}
