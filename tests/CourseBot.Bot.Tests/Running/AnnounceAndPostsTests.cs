using System.Text.Json;
using CourseBot.Bot.Tests.Cli;
using CourseBot.Bot.Tests.Scheduling;

namespace CourseBot.Bot.Tests.Running;

/// <summary><c>coursebot announce</c> and <c>coursebot posts</c> as processes sharing one data folder (one ledger).</summary>
public sealed class AnnounceAndPostsTests : IDisposable
{
    private readonly TempDirectory _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task Announcing_a_week_twice_posts_it_once_and_the_ledger_shows_it()
    {
        var first = await RunAsync("announce", "--week", "3", "--config", CliRun.SampleConfig);
        var second = await RunAsync("announce", "--week", "3", "--config", CliRun.SampleConfig);
        var posts = await RunAsync("posts", "--config", CliRun.SampleConfig, "--format", "json");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("── post to local:console (announcement 2025-09-08) ──", first.Output);
        Assert.Contains("local console: posted", first.Output);
        Assert.Contains("local console: already posted earlier (not sent again)", second.Output);
        Assert.DoesNotContain("── post to", second.Output);
        using var json = JsonDocument.Parse(posts.Output);
        var record = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("sent", record.GetProperty("state").GetString());
        Assert.Equal("announcement", record.GetProperty("kind").GetString());
        Assert.Equal("2025-09-08", record.GetProperty("slot").GetString());
    }

    [Fact]
    public async Task A_dry_run_shows_the_announcement_and_records_nothing()
    {
        var dry = await RunAsync("announce", "--week", "4", "--dry-run", "--config", CliRun.SampleConfig);
        var posts = await RunAsync("posts", "--config", CliRun.SampleConfig);

        Assert.Equal(0, dry.ExitCode);
        Assert.StartsWith("📚 Week 4 · Efficient LLM Serving", dry.Output);
        Assert.Contains("No posts yet.", posts.Output);
    }

    private Task<(int ExitCode, string Output)> RunAsync(params string[] args) => BotProcess.RunAsync(_work.Path, args);
}
