using CourseBot.Bot.Hosting;
using CourseBot.Bot.Tests.Scheduling;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Running;

/// <summary>The reading list served from a course website on loopback: changed, unchanged (304), broken, unreachable.</summary>
public sealed class CourseRefreshTests : IAsyncDisposable
{
    private readonly TempDirectory _config = new();
    private readonly LoopbackFileServer _site = new();
    private readonly HttpClient _http = new();
    private readonly CourseCatalog _catalog = new();
    private readonly CourseRefreshService _refresher;
    private readonly string _list = File.ReadAllText(SharedCourseFiles.File("reading_list.md"));
    private readonly string _papers = File.ReadAllText(SharedCourseFiles.File("papers.yaml"));
    private int _published;

    public CourseRefreshTests()
    {
        _site.Put("reading_list.md", _list);
        _site.Put("papers.yaml", _papers);
        File.WriteAllText(Path.Combine(_config.Path, "cs395t.yaml"), $"""
            id: cs395t
            name: CS 395T
            timeZone: America/Chicago
            firstMonday: 2025-08-25
            readingList: {_site.Url("reading_list.md")}
            papers: {_site.Url("papers.yaml")}
            """);
        _catalog.Changed += _ => _published++;
        _refresher = new CourseRefreshService(
            _catalog,
            new SourceReader(_http),
            Options.Create(new CoursesOptions { Directory = _config.Path }),
            new FakeTimeProvider(),
            NullLogger<CourseRefreshService>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
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
}
