using CourseBot.Bot.Hosting;
using CourseBot.Bot.Tests.Scheduling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Running;

/// <summary>What the operator reads when an edit to a course is refused: once per refused version, not once per refresh.</summary>
public sealed class RefusalLogTests : IDisposable
{
    private readonly TempDirectory _work = new();
    private readonly CapturedLog _log = new();
    private readonly HttpClient _http = new();
    private readonly ILoggerFactory _logging;
    private readonly CourseRefreshService _refresher;
    private readonly string _readingList;
    private readonly string _good;

    public RefusalLogTests()
    {
        var config = CourseCopy.Create(_work.Path, course => course);
        _readingList = Path.Combine(config, "cs395t", "reading_list.md");
        _good = File.ReadAllText(_readingList);
        _logging = LoggerFactory.Create(logging => logging.AddProvider(_log));
        _refresher = new CourseRefreshService(
            new CourseCatalog(),
            new SourceReader(_http),
            Options.Create(new CoursesOptions { Directory = config }),
            new FakeTimeProvider(),
            _logging.CreateLogger<CourseRefreshService>());
    }

    public void Dispose()
    {
        _refresher.Dispose();
        _http.Dispose();
        _logging.Dispose();
        _work.Dispose();
    }

    private int Refusals => _log.Entries.Count(e => e.Level == LogLevel.Error && e.Message.Contains("refused a new version", StringComparison.Ordinal));

    [Fact]
    public async Task A_refused_version_read_again_by_later_refreshes_is_reported_once()
    {
        await _refresher.RefreshAsync(CancellationToken.None);

        File.WriteAllText(_readingList, Broken("nosuchkey"));
        await _refresher.RefreshAsync(CancellationToken.None);
        await _refresher.RefreshAsync(CancellationToken.None);

        Assert.Equal(1, Refusals);
    }

    [Fact]
    public async Task A_different_broken_version_and_the_same_one_after_a_fix_are_reported_again()
    {
        await _refresher.RefreshAsync(CancellationToken.None);

        File.WriteAllText(_readingList, Broken("nosuchkey"));
        await _refresher.RefreshAsync(CancellationToken.None);
        File.WriteAllText(_readingList, Broken("otherkey"));
        await _refresher.RefreshAsync(CancellationToken.None);
        File.WriteAllText(_readingList, _good);
        await _refresher.RefreshAsync(CancellationToken.None);
        File.WriteAllText(_readingList, Broken("nosuchkey"));
        await _refresher.RefreshAsync(CancellationToken.None);

        Assert.Equal(3, Refusals);
    }

    /// <summary>A reading list with one unknown paper key and nothing else: an error, and far fewer papers.</summary>
    private static string Broken(string key) =>
        $"---\ntitle: x\n---\n## Part 1 - X\n#### Intro\n<ul>\n  {{% include paper_item.html key=\"{key}\" %}}\n</ul>\n";
}
