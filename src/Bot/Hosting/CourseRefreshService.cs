using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using CourseBot.Core;
using CourseBot.Core.Calendar;
using CourseBot.Core.ReadingList;
using CourseBot.Core.Replies;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Hosting;

/// <summary>
/// Loads the courses at start-up and keeps them current: file sources are watched, URL sources are
/// asked again on an interval with a conditional GET. A new version that is broken (see
/// <see cref="WhyRefused"/>) or cannot be read is reported and refused; the last good version keeps
/// serving. Each course refreshes on its own, so a slow source never holds up another course.
/// </summary>
public sealed partial class CourseRefreshService(
    CourseCatalog catalog,
    SourceReader reader,
    IOptions<CoursesOptions> options,
    TimeProvider time,
    ILogger<CourseRefreshService> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, CourseRefresh> _courses = new(StringComparer.OrdinalIgnoreCase);
    private readonly Channel<string> _changes = Channel.CreateBounded<string>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly List<FileSystemWatcher> _watchers = [];

    // The interval, the file watcher and an admin's /reload may read the course files at once; one at a time.
    private readonly SemaphoreSlim _readingCourseFiles = new(1, 1);
    private IReadOnlyList<CourseDefinition> _definitions = [];

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // The first load happens before the host reports started, so /readyz and the scheduler see courses.
        await RefreshAsync(cancellationToken);
        catalog.MarkLoaded();
        Watch(options.Value.Directory);
        await base.StartAsync(cancellationToken);
    }

    /// <summary>
    /// Checks every source now; used by the interval, the file watcher and the /reload command. A course
    /// whose previous refresh is still running (a slow source) is refreshed again when that one ends.
    /// </summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var courses = await ReadCourseFilesAsync(cancellationToken);
        await Task.WhenAll(courses.Select(course => RefreshCourseAsync(course, cancellationToken)));
    }

    private async Task<IReadOnlyList<CourseDefinition>> ReadCourseFilesAsync(CancellationToken cancellationToken)
    {
        await _readingCourseFiles.WaitAsync(cancellationToken);
        try
        {
            var files = CourseFile.LoadDirectory(options.Value.Directory);
            var refused = RefuseBrokenCourseFiles(files);
            foreach (var problem in files.Diagnostics.Where(d => d.Severity == Severity.Error && !refused.Contains(d)))
            {
                LogCourseFileProblem(problem.ToString());
            }

            if (files.Courses.Count > 0)
            {
                _definitions = files.Courses;
            }

            return files.Courses;
        }
        finally
        {
            _readingCourseFiles.Release();
        }
    }

    /// <summary>
    /// A course file with errors defines no course; the course it defined keeps serving its last good
    /// version, and the refusal is shown like any other.
    /// </summary>
    /// <returns>The errors that went into a refusal (they are logged with it, not again on their own).</returns>
    private HashSet<Diagnostic> RefuseBrokenCourseFiles(CourseFileResult files)
    {
        var refused = new HashSet<Diagnostic>();
        foreach (var status in catalog.Statuses)
        {
            var path = status.Snapshot.Course.SourcePath;
            if (files.Courses.Any(c => string.Equals(c.Id, status.Snapshot.Course.Id, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var errors = files.Diagnostics.Where(d => d.Severity == Severity.Error && SamePath(d.Location.Path, path)).ToArray();
            if (errors.Length > 0)
            {
                Refuse(status.Snapshot.Course.Id, CourseFileErrors(errors));
                refused.UnionWith(errors);
            }
            else if (!File.Exists(path))
            {
                // Deleting a course file is not a way to stop a running course by accident: say so, keep serving.
                Refuse(status.Snapshot.Course.Id, $"the course file {path} was removed; the last version keeps serving until the file is back (or until a restart, which stops serving the course)");
            }
        }

        return refused;
    }

    private static string CourseFileErrors(IReadOnlyList<Diagnostic> errors)
    {
        const int shown = 3;
        var more = errors.Count > shown ? $" | and {errors.Count - shown} more (run `coursebot validate`)" : "";
        return $"the course file has {Counted.Of(errors.Count, "error")}: {string.Join(" | ", errors.Take(shown))}{more}";
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Rounds are not awaited one after the other: a source that is slow to answer must not delay
        // the next edit of another course. A round that fails is awaited here, so it stops the service.
        var rounds = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var interval = Task.Delay(options.Value.RefreshInterval, time, wait.Token);
                var change = _changes.Reader.WaitToReadAsync(wait.Token).AsTask();
                await Task.WhenAny([interval, change, .. rounds]);
                await wait.CancelAsync();
                foreach (var done in rounds.Where(r => r.IsCompleted).ToArray())
                {
                    rounds.Remove(done);
                    await done;
                }

                if (stoppingToken.IsCancellationRequested || !(interval.IsCompletedSuccessfully || change.IsCompletedSuccessfully))
                {
                    continue;
                }

                while (_changes.Reader.TryRead(out _))
                {
                }

                rounds.Add(RefreshAsync(stoppingToken));
            }

            await Task.WhenAll(rounds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: a read in flight was cancelled, nothing was applied half-way.
        }
    }

    public override void Dispose()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }

        foreach (var course in _courses.Values)
        {
            course.Running.Dispose();
        }

        _readingCourseFiles.Dispose();
        base.Dispose();
    }

    /// <summary>Runs one refresh of the course, or asks the one running to go again with the newest course file.</summary>
    private async Task RefreshCourseAsync(CourseDefinition course, CancellationToken cancellationToken)
    {
        var state = _courses.GetOrAdd(course.Id, _ => new CourseRefresh());
        state.Ask(course);

        // The outer loop closes the gap between the runner's last look at the request and its release.
        while (state.IsAsked && await state.Running.WaitAsync(0, cancellationToken))
        {
            try
            {
                while (state.Take() is { } newest)
                {
                    await RefreshOnceAsync(state, newest, cancellationToken);
                }
            }
            finally
            {
                state.Running.Release();
            }
        }
    }

    private async Task RefreshOnceAsync(CourseRefresh state, CourseDefinition course, CancellationToken cancellationToken)
    {
        var currentList = state.List?.Location == course.ReadingList ? state.List : null;
        var currentPapers = state.Papers?.Location == course.Papers ? state.Papers : null;
        var listRead = reader.ReadAsync(course.ReadingList, currentList, cancellationToken);
        var papersRead = reader.ReadAsync(course.Papers, currentPapers, cancellationToken);
        var list = await listRead;
        var papers = await papersRead;
        var served = catalog.StatusOf(course.Id);

        if (list is SourceRead.Failed || papers is SourceRead.Failed)
        {
            var reason = list is SourceRead.Failed lf ? $"{course.ReadingList}: {lf.Reason}" : $"{course.Papers}: {((SourceRead.Failed)papers).Reason}";
            if (served is not null)
            {
                if (served.RejectedProblem != reason)
                {
                    LogSourceUnreadable(course.Id, reason);
                }

                catalog.Reject(course.Id, reason);
                return;
            }
        }

        var courseFileChanged = served is null || served.Snapshot.Course.SourceHash != course.SourceHash;
        if (served is not null && !courseFileChanged && list is SourceRead.Unchanged && papers is SourceRead.Unchanged)
        {
            // What is served is the newest version again (fixed, or restored): no refusal is pending.
            catalog.ClearRejection(course.Id);
            return;
        }

        var listContent = list is SourceRead.Changed lc ? lc.Content : currentList;
        var papersContent = papers is SourceRead.Changed pc ? pc.Content : currentPapers;
        var candidate = CourseLoader.Build(
            course,
            listContent is null ? list : new SourceRead.Changed(listContent),
            papersContent is null ? papers : new SourceRead.Changed(papersContent));

        if (served is not null && WhyRefused(candidate, served.Snapshot) is { } problem)
        {
            Refuse(course.Id, problem);
            return;
        }

        state.List = listContent;
        state.Papers = papersContent;
        var version = Version(course, listContent, papersContent);
        var status = new CourseStatus(candidate, version, time.GetUtcNow(), null);
        catalog.Publish(status);
        LogCourseLoaded(course.Id, version, candidate.ReadingList.Readings.Count, status.Diagnostics.Count);
        foreach (var diagnostic in status.Diagnostics)
        {
            LogDiagnostic(diagnostic.ToString());
        }
    }

    /// <summary>
    /// Why a new version must not replace the served one, or null to serve it. Refused: any error in
    /// the course file or the calendar it defines (a bad time zone, cron or plan would stop posts);
    /// losing more than half of the served readings (a truncated or overwritten reading list); errors
    /// that show students fewer papers than the served version.
    /// </summary>
    private static string? WhyRefused(CourseSnapshot candidate, CourseSnapshot served)
    {
        var courseFileErrors = candidate.Calendar.Diagnostics
            .Concat(candidate.ReadingList.Diagnostics.Where(d => SamePath(d.Location.Path, candidate.Course.SourcePath)))
            .Where(d => d.Severity == Severity.Error)
            .ToArray();
        if (courseFileErrors.Length > 0)
        {
            return CourseFileErrors(courseFileErrors);
        }

        var before = served.ReadingList.Readings;
        var after = candidate.ReadingList.Readings;
        if (before.Count > 0 && after.Count * 2 < before.Count)
        {
            var kept = after.Select(Name).ToHashSet(StringComparer.Ordinal);
            var lost = before.Select(Name).Where(name => !kept.Contains(name)).ToArray();
            var firstError = candidate.ReadingList.Diagnostics.FirstOrDefault(d => d.Severity == Severity.Error);
            return $"{candidate.Course.ReadingList}: the new version has {Counted.Of(after.Count, "reading")} where {before.Count} are served; "
                + $"it would drop {Counted.Of(lost.Length, "reading")} ({string.Join(", ", lost.Take(5))}{(lost.Length > 5 ? ", …" : "")})"
                + (firstError is null ? "" : $"; first error: {firstError}")
                + ". If the file is still being written this fixes itself with the next save; if dropping them is intended, restart the bot (the first load takes the files as they are)";
        }

        if (candidate.ReadingList.HasErrors
            && after.Count(r => r.IsResolved) < before.Count(r => r.IsResolved))
        {
            return candidate.ReadingList.Diagnostics.First(d => d.Severity == Severity.Error).ToString();
        }

        return null;
    }

    private void Refuse(string courseId, string problem)
    {
        // The same broken version is refused again at every refresh; it is logged once.
        if (catalog.StatusOf(courseId)?.RejectedProblem != problem)
        {
            LogVersionRefused(courseId, problem);
        }

        catalog.Reject(courseId, problem);
    }

    private static string Name(Reading reading) => reading.Key ?? reading.Title ?? reading.Location.ToString();

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);

    /// <summary>Changes whenever any of the three files changes, the course file included.</summary>
    private static string Version(CourseDefinition course, SourceContent? list, SourceContent? papers)
    {
        var parts = $"{course.SourceHash}/{list?.Hash ?? "none"}/{papers?.Hash ?? "none"}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(parts)))[..12];
    }

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

    /// <summary>One course's refresh state: one refresh at a time, the newest course file, the sources served.</summary>
    private sealed class CourseRefresh
    {
        private CourseDefinition? _asked;

        public SemaphoreSlim Running { get; } = new(1, 1);

        public SourceContent? List { get; set; }

        public SourceContent? Papers { get; set; }

        public bool IsAsked => Volatile.Read(ref _asked) is not null;

        public void Ask(CourseDefinition course) => Volatile.Write(ref _asked, course);

        public CourseDefinition? Take() => Interlocked.Exchange(ref _asked, null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Course {CourseId}: serving version {Version} ({Readings} readings, {Diagnostics} diagnostics)")]
    private partial void LogCourseLoaded(string courseId, string version, int readings, int diagnostics);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Diagnostic}")]
    private partial void LogDiagnostic(string diagnostic);

    [LoggerMessage(Level = LogLevel.Error, Message = "Course file problem: {Diagnostic}")]
    private partial void LogCourseFileProblem(string diagnostic);

    [LoggerMessage(Level = LogLevel.Error, Message = "Course {CourseId}: source unreadable, still serving the last good version: {Reason}")]
    private partial void LogSourceUnreadable(string courseId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Course {CourseId}: refused a new version, still serving the last good one: {Problem}")]
    private partial void LogVersionRefused(string courseId, string problem);
}
