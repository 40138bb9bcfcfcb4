using CourseBot.Bot.Hosting;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Bot.Tests.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Tests.Running;

/// <summary>
/// The reading list served from a course website on loopback: changed, unchanged (304), broken,
/// unreachable, slow; and edits of the course file and of a second course's local files.
/// </summary>
public sealed class CourseRefreshTests : IAsyncDisposable
{
    private readonly TempDirectory _config = new();
    private readonly LoopbackFileServer _site = new();
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    // Only a guard so that a regression fails instead of hanging the run; the tests wait for signals.
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);

    private readonly HttpClient _http = SourceReader.NewHttpClient();
    private readonly TimerSignals _time = new();
    private readonly CourseCatalog _catalog = new();
    private readonly CourseRefreshService _refresher;
    private readonly string _list = File.ReadAllText(SharedCourseFiles.File("reading_list.md"));
    private readonly string _papers = File.ReadAllText(SharedCourseFiles.File("papers.yaml"));
    private int _published;

    public CourseRefreshTests()
    {
        _site.Put("reading_list.md", _list);
        _site.Put("papers.yaml", _papers);
        File.WriteAllText(CourseFile, CourseFileText("America/Chicago"));
        _catalog.Changed += _ => _published++;
        _refresher = new CourseRefreshService(
            _catalog,
            new SourceReader(_http, _time, Deadline, Settle),
            Options.Create(new CoursesOptions { Directory = _config.Path }),
            _time,
            NullLogger<CourseRefreshService>.Instance);
    }

    private string CourseFile => Path.Combine(_config.Path, "cs395t.yaml");

    private string CourseFileText(string timeZone, string name = "CS 395T", string? readingList = null) => $"""
        id: cs395t
        name: {name}
        timeZone: {timeZone}
        firstMonday: 2025-08-25
        readingList: {readingList ?? _site.Url("reading_list.md")}
        papers: {_site.Url("papers.yaml")}
        """;

    public async ValueTask DisposeAsync()
    {
        await _refresher.StopAsync(CancellationToken.None);
        _refresher.Dispose();
        _http.Dispose();
        await _site.DisposeAsync();
        _config.Dispose();
    }

    private CourseStatus Status => Assert.Single(_catalog.Statuses);

    [Fact]
    public async Task The_first_load_fetches_both_files_over_http()
    {
        await _refresher.RefreshAsync(CancellationToken.None);

        Assert.Equal(50, Status.Snapshot.ReadingList.Readings.Count);
        Assert.Equal(1, _published);
    }

    [Fact]
    public async Task An_unchanged_site_answers_304_and_nothing_is_rebuilt()
    {
        await _refresher.RefreshAsync(CancellationToken.None);
        var version = Status.Version;

        await _refresher.RefreshAsync(CancellationToken.None);

        Assert.Equal(2, _site.NotModified);
        Assert.Equal(1, _published);
        Assert.Equal(version, Status.Version);
    }

    [Fact]
    public async Task A_changed_reading_list_is_served_at_once()
    {
        await _refresher.RefreshAsync(CancellationToken.None);
        var version = Status.Version;

        _site.Put("reading_list.md", _list.Replace("{% include paper_item.html key=\"orca-osdi22\" %}\n", ""));
        await _refresher.RefreshAsync(CancellationToken.None);

        Assert.NotEqual(version, Status.Version);
        Assert.Equal(49, Status.Snapshot.ReadingList.Readings.Count);
        Assert.Null(Status.RejectedProblem);
    }

    [Fact]
    public async Task A_broken_new_papers_file_is_refused_and_the_last_good_version_keeps_serving()
    {
        await _refresher.RefreshAsync(CancellationToken.None);
        var version = Status.Version;

        // A YAML error early in the file would leave most keys unresolved.
        _site.Put("papers.yaml", _papers.Replace("megatron-sc21:\n", "megatron-sc21\n  - broken: [\n"));
        await _refresher.RefreshAsync(CancellationToken.None);

        Assert.Equal(version, Status.Version);
        Assert.Equal(50, Status.Snapshot.ReadingList.Readings.Count(r => r.IsResolved));
        Assert.Contains("papers.yaml", Status.RejectedProblem);
    }

    [Fact]
    public async Task An_unreachable_site_keeps_the_last_good_version_and_says_why()
    {
        await _refresher.RefreshAsync(CancellationToken.None);
        var version = Status.Version;

        await _site.DisposeAsync();
        await _refresher.RefreshAsync(CancellationToken.None);

        Assert.Equal(version, Status.Version);
        Assert.Contains(_site.Url("reading_list.md"), Status.RejectedProblem);
    }

    [Fact]
    public async Task A_site_unreachable_at_start_is_an_error_diagnostic_not_a_crash()
    {
        await _site.DisposeAsync();

        await _refresher.RefreshAsync(CancellationToken.None);

        Assert.Empty(Status.Snapshot.ReadingList.Readings);
        // Reported where the course file names the source (its readingList: line), naming the URL.
        Assert.Contains(Status.Snapshot.ReadingList.Diagnostics, d => d.Severity == Core.ReadingList.Severity.Error && d.Location.Path.EndsWith(".yaml", StringComparison.Ordinal) && d.Message.EndsWith(_site.Url("reading_list.md"), StringComparison.Ordinal));
    }

    private CourseStatus StatusOf(string id) => _catalog.StatusOf(id) ?? throw new InvalidOperationException($"{id} is not served");

    [Fact]
    public async Task A_course_file_error_refuses_the_new_version_until_the_file_is_fixed()
    {
        await _refresher.RefreshAsync(CancellationToken.None);
        var version = Status.Version;

        File.WriteAllText(CourseFile, CourseFileText("America/Chicagoo"));
        await _refresher.RefreshAsync(CancellationToken.None);

        Assert.Equal(version, Status.Version);
        Assert.Equal(TimeZoneInfo.FindSystemTimeZoneById("America/Chicago"), Status.Snapshot.TimeZone);
        Assert.Contains("cs395t.yaml:3:11: error: unknown time zone \"America/Chicagoo\"", Status.RejectedProblem);

        File.WriteAllText(CourseFile, CourseFileText("America/Chicago"));
        await _refresher.RefreshAsync(CancellationToken.None);

        Assert.Null(Status.RejectedProblem);
        Assert.Equal(version, Status.Version);
    }

    [Fact]
    public async Task A_removed_course_file_is_reported_and_the_course_keeps_serving_until_it_is_back()
    {
        await _refresher.RefreshAsync(CancellationToken.None);
        var version = Status.Version;
        var text = File.ReadAllText(CourseFile);

        File.Delete(CourseFile);
        await _refresher.RefreshAsync(CancellationToken.None);

        Assert.Equal(version, Status.Version);
        Assert.Contains("cs395t.yaml was removed", Status.RejectedProblem);

        File.WriteAllText(CourseFile, text);
        await _refresher.RefreshAsync(CancellationToken.None);

        Assert.Null(Status.RejectedProblem);
        Assert.Equal(version, Status.Version);
    }

    [Fact]
    public async Task A_refusal_is_cleared_when_the_source_is_restored_to_the_served_version()
    {
        await _refresher.RefreshAsync(CancellationToken.None);
        var version = Status.Version;
        _site.Put("papers.yaml", _papers.Replace("megatron-sc21:\n", "megatron-sc21\n  - broken: [\n"));
        await _refresher.RefreshAsync(CancellationToken.None);
        Assert.NotNull(Status.RejectedProblem);

        _site.Put("papers.yaml", _papers);
        await _refresher.RefreshAsync(CancellationToken.None);

        Assert.Null(Status.RejectedProblem);
        Assert.Equal(version, Status.Version);
        Assert.Equal(1, _published);
    }

    [Fact]
    public async Task The_version_changes_when_only_the_course_file_changes()
    {
        await _refresher.RefreshAsync(CancellationToken.None);
        var version = Status.Version;

        File.WriteAllText(CourseFile, CourseFileText("America/Chicago", name: "CS 395T (renamed)"));
        await _refresher.RefreshAsync(CancellationToken.None);

        Assert.Equal("CS 395T (renamed)", Status.Snapshot.Course.Name);
        Assert.NotEqual(version, Status.Version);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage written into the truncated file\n")]
    public async Task A_reading_list_that_loses_most_readings_is_refused_and_says_what_would_be_lost(string text)
    {
        await _refresher.RefreshAsync(CancellationToken.None);
        var version = Status.Version;

        _site.Put("reading_list.md", text);
        await _refresher.RefreshAsync(CancellationToken.None);

        Assert.Equal(version, Status.Version);
        Assert.Equal(50, Status.Snapshot.ReadingList.Readings.Count);
        Assert.Contains("the new version has 0 readings where 50 are served; it would drop 50 readings (", Status.RejectedProblem);
        Assert.Contains("restart the bot", Status.RejectedProblem);
    }

    [Fact]
    public async Task Dropping_less_than_half_of_the_readings_is_an_ordinary_edit()
    {
        await _refresher.RefreshAsync(CancellationToken.None);
        var topics = _list.Split("\n## ");

        // The first half of the topics stays (a course that cut its second half).
        _site.Put("reading_list.md", string.Join("\n## ", topics.Take((topics.Length / 2) + 1)));
        await _refresher.RefreshAsync(CancellationToken.None);

        Assert.Null(Status.RejectedProblem);
        Assert.InRange(Status.Snapshot.ReadingList.Readings.Count, 25, 49);
    }

    [Fact]
    public async Task A_slow_source_of_one_course_does_not_hold_up_another_course()
    {
        var localList = AddLocalCourse();
        await _refresher.RefreshAsync(CancellationToken.None);
        var slowStarted = Trickle("reading_list.md");
        var localServed = Published("local");

        File.WriteAllText(localList, _list.Replace("{% include paper_item.html key=\"orca-osdi22\" %}\n", ""));
        var round = _refresher.RefreshAsync(CancellationToken.None);
        await slowStarted.WaitAsync(Guard);
        await _time.WaitForTimerAsync(Settle);
        _time.Advance(Settle);
        await localServed.WaitAsync(Guard);

        Assert.Equal(49, StatusOf("local").Snapshot.ReadingList.Readings.Count);
        Assert.False(round.IsCompleted);
        _time.Advance(Deadline);
        await round.WaitAsync(Guard);
        Assert.Contains("longer than 30 s", StatusOf("cs395t").RejectedProblem);
        Assert.Equal(50, StatusOf("cs395t").Snapshot.ReadingList.Readings.Count);
    }

    [Fact]
    public async Task A_local_edit_is_served_while_another_courses_source_is_still_trickling()
    {
        var localList = AddLocalCourse();
        await _refresher.StartAsync(CancellationToken.None);
        var slowStarted = Trickle("reading_list.md");
        var localServed = Published("local");

        // The interval asks the course site again; it answers one byte at a time.
        var interval = new CoursesOptions().RefreshInterval;
        await _time.WaitForTimerAsync(interval);
        _time.Advance(interval);
        await slowStarted.WaitAsync(Guard);
        File.WriteAllText(localList, _list.Replace("{% include paper_item.html key=\"orca-osdi22\" %}\n", ""));

        // The watcher may see the write half done: the file is read again after each settle time.
        await _time.AdvanceWhileWaitingAsync(Settle, localServed).WaitAsync(Guard);

        Assert.Equal(49, StatusOf("local").Snapshot.ReadingList.Readings.Count);
        Assert.Null(StatusOf("cs395t").RejectedProblem);
    }

    /// <summary>A second course whose reading list and papers are local files; returns the reading list's path.</summary>
    private string AddLocalCourse()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_config.Path, "local")).FullName;
        File.WriteAllText(Path.Combine(folder, "reading_list.md"), _list);
        File.WriteAllText(Path.Combine(folder, "papers.yaml"), _papers);
        File.WriteAllText(Path.Combine(_config.Path, "local.yaml"), """
            id: local
            name: Local copy
            timeZone: Europe/Berlin
            firstMonday: 2025-08-25
            readingList: local/reading_list.md
            papers: local/papers.yaml
            """);
        return Path.Combine(folder, "reading_list.md");
    }

    private Task Trickle(string name) => _site.Trickle(name, _time);

    private Task Published(string courseId)
    {
        var published = new TaskCompletionSource();
        _catalog.Changed += snapshot =>
        {
            if (snapshot.Course.Id == courseId)
            {
                published.TrySetResult();
            }
        };
        return published.Task;
    }

    [Fact]
    public async Task A_relative_path_out_of_the_config_folder_is_refused_and_nothing_of_that_file_is_quoted()
    {
        await _refresher.RefreshAsync(CancellationToken.None);
        using var elsewhere = new TempDirectory();
        var secrets = Path.Combine(elsewhere.Path, "secrets.env");
        File.WriteAllText(secrets, "db_password: hunter2\nsecret_access_key: AKIA0000\n");
        var relative = Path.GetRelativePath(_config.Path, secrets);

        File.WriteAllText(CourseFile, CourseFileText("America/Chicago", readingList: relative));
        await _refresher.RefreshAsync(CancellationToken.None);

        Assert.Contains($"cs395t.yaml:5:14: error: readingList \"{relative}\" points outside the config folder", Status.RejectedProblem);
        Assert.DoesNotContain("hunter2", Status.RejectedProblem);
        Assert.Equal(50, Status.Snapshot.ReadingList.Readings.Count);
    }

    [Fact]
    public void An_absolute_path_outside_the_config_folder_is_an_explicit_choice()
    {
        File.WriteAllText(CourseFile, CourseFileText("America/Chicago", readingList: SharedCourseFiles.File("reading_list.md")));

        var result = Core.Calendar.CourseFile.Load(CourseFile);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(SharedCourseFiles.File("reading_list.md"), Assert.Single(result.Courses).ReadingList);
    }
}
