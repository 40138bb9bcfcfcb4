using System.Text.Json;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Bot.Tests.Testing;

namespace CourseBot.Bot.Tests.Running;

/// <summary>
/// <c>coursebot announce</c> and <c>coursebot posts</c> as processes: they find the store of a config folder
/// wherever they are started, and refuse (exit 2) rather than create an empty one.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Process)]
public sealed class AnnounceAndPostsTests : IDisposable
{
    private readonly TempDirectory _work = new();
    private readonly string _config;
    private readonly string _store;

    public AnnounceAndPostsTests()
    {
        _config = CourseCopy.Create(Path.Combine(_work.Path, "course"), text => text);
        _store = Path.Combine(_work.Path, "course", "data", "coursebot.db");
    }

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task Announcing_a_week_from_two_working_folders_posts_it_once_and_posts_from_a_third_shows_it()
    {
        await RunTheBotOnceAsync();

        var first = await RunAsync(Folder("a"), "announce", "--week", "3", "--config", _config);
        var second = await RunAsync(Folder("b"), "announce", "--week", "3", "--config", _config);
        var posts = await RunAsync(Folder("c"), "posts", "--config", _config, "--format", "json");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("── post to local:console (announcement 2025-09-08) ──", first.Output);
        Assert.Contains("local console: posted", first.Output);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("local console: already posted earlier (not sent again)", second.Output);
        Assert.DoesNotContain("── post to", second.Output);
        Assert.Contains($"store: SQLite file {_store}", first.Error);
        Assert.Contains($"store: SQLite file {_store}", posts.Error);
        Assert.Equal(0, posts.ExitCode);
        var record = Assert.Single(JsonElementsOf(posts.Output));
        Assert.Equal("sent", record.GetProperty("state").GetString());
        Assert.Equal("announcement", record.GetProperty("kind").GetString());
        Assert.Equal("2025-09-08", record.GetProperty("slot").GetString());
        Assert.All(["a", "b", "c"], name => Assert.False(Directory.Exists(Path.Combine(_work.Path, name, "data"))));
    }

    [Fact]
    public async Task A_dry_run_shows_the_announcement_and_records_nothing()
    {
        await RunTheBotOnceAsync();

        var dry = await RunAsync(Folder("a"), "announce", "--week", "4", "--dry-run", "--config", _config);
        var posts = await RunAsync(Folder("b"), "posts", "--config", _config);

        Assert.Equal(0, dry.ExitCode);
        Assert.StartsWith("📚 Week 4 · Efficient LLM Serving", dry.Output);
        Assert.Equal(0, posts.ExitCode);
        Assert.Contains("No posts yet.", posts.Output);
    }

    [Fact]
    public async Task Posts_and_announce_refuse_a_store_that_does_not_exist_and_create_nothing()
    {
        var posts = await RunAsync(Folder("a"), "posts", "--config", _config);
        var announce = await RunAsync(Folder("a"), "announce", "--week", "3", "--config", _config);

        Assert.Equal(2, posts.ExitCode);
        Assert.Equal(2, announce.ExitCode);
        Assert.Contains($"error: SQLite file {_store} does not exist", posts.Error);
        Assert.Contains("Storage__DataDirectory", posts.Error);
        Assert.Contains($"error: SQLite file {_store} does not exist", announce.Error);
        Assert.DoesNotContain("No posts yet.", posts.Output);
        Assert.DoesNotContain("posted", announce.Output);
        Assert.False(File.Exists(_store));
        Assert.False(Directory.Exists(Path.Combine(_work.Path, "a", "data")));
    }

    [Fact]
    public async Task A_relative_data_directory_is_relative_to_the_config_folders_parent_and_an_absolute_one_is_used_as_is()
    {
        var relative = new Dictionary<string, string> { ["Storage__DataDirectory"] = "ledger" };
        var absolute = new Dictionary<string, string> { ["Storage__DataDirectory"] = Path.Combine(_work.Path, "elsewhere") };

        var fromRelative = await RunAsync(Folder("a"), relative, "posts", "--config", _config);
        var fromAbsolute = await RunAsync(Folder("a"), absolute, "posts", "--config", _config);

        Assert.Contains($"SQLite file {Path.Combine(_work.Path, "course", "ledger", "coursebot.db")} does not exist", fromRelative.Error);
        Assert.Contains($"SQLite file {Path.Combine(_work.Path, "elsewhere", "coursebot.db")} does not exist", fromAbsolute.Error);
    }

    /// <summary>What <c>coursebot run</c> builds on the config folder with default settings: it creates the store.</summary>
    private async Task RunTheBotOnceAsync()
    {
        var (app, _) = await InProcessBot.StartAsync(new Dictionary<string, string?>(), _config);
        await app.StopAsync();
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.True(File.Exists(_store), $"the bot did not create its store at {_store}");
    }

    private string Folder(string name) => Directory.CreateDirectory(Path.Combine(_work.Path, name)).FullName;

    private static IEnumerable<JsonElement> JsonElementsOf(string output)
    {
        using var json = JsonDocument.Parse(output);
        return json.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(string folder, params string[] args) =>
        RunAsync(folder, new Dictionary<string, string>(), args);

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string folder, Dictionary<string, string> environment, params string[] args)
    {
        environment["Logging__LogLevel__Default"] = "Warning";
        using var process = await BotProcess.RunToEndAsync(folder, environment, args);
        return (process.ExitCode, process.Output, process.Error);
    }
}
