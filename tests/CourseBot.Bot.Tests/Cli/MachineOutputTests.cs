using System.Text.Json;
using System.Text.RegularExpressions;
using CourseBot.Bot.Tests.Running;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Bot.Tests.Testing;

namespace CourseBot.Bot.Tests.Cli;

/// <summary>
/// What scripts read: stdout carries only a verb's output (logs go to stderr, at the default log level too),
/// <c>--format json</c> is exactly one JSON document with one timestamp form, and an error answer is a non-zero exit code.
/// </summary>
public sealed partial class MachineOutputTests : IDisposable
{
    private readonly TempDirectory _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    [Trait(TestCategory.Name, TestCategory.Process)]
    public async Task Announce_and_posts_print_their_logs_on_stderr_and_posts_json_is_one_document_with_one_time_form()
    {
        // announce and posts use the store `run` creates beside the config folder; they never create one.
        var config = CourseCopy.Create(Path.Combine(_work.Path, "course"), text => text);
        var (bot, _) = await InProcessBot.StartAsync(new Dictionary<string, string?>(), config);
        await bot.StopAsync();
        await bot.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var announce = await RunAsync("announce", "--week", "3", "--config", config);
        var json = await RunAsync("posts", "--config", config, "--format", "json");
        var text = await RunAsync("posts", "--config", config);

        Assert.True(announce.ExitCode == 0, announce.Error);
        Assert.Matches(LogLine(), announce.Error);
        Assert.Contains("local console: posted", announce.Output);
        Assert.Equal(0, json.ExitCode);
        Assert.Equal(0, text.ExitCode);
        foreach (var stdout in new[] { announce.Output, json.Output, text.Output })
        {
            Assert.DoesNotMatch(LogLine(), stdout);
        }

        using var document = JsonDocument.Parse(json.Output);
        var record = Assert.Single(document.RootElement.EnumerateArray());
        Assert.Equal("sent", record.GetProperty("state").GetString());
        Assert.Matches(UtcSeconds(), record.GetProperty("createdAt").GetString());
        Assert.Matches(UtcSeconds(), record.GetProperty("completedAt").GetString());
        Assert.DoesNotContain("\\u002B", json.Output);
        Assert.Contains(" sent ", text.Output);
    }

    [Fact]
    public void Ask_json_writes_class_times_to_the_second_with_the_courses_offset()
    {
        var run = CliRun.Invoke("ask", "/reading week3", "--config", CliRun.SampleConfig, "--at", "2025-09-10", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.Output);
        var times = document.RootElement.GetProperty("blocks").EnumerateArray()
            .Where(b => b.TryGetProperty("spans", out _))
            .SelectMany(b => b.GetProperty("spans").EnumerateArray())
            .Where(s => s.TryGetProperty("time", out _))
            .Select(s => s.GetProperty("time").GetString())
            .ToArray();
        // Week 3's first class: Tuesday 2025-09-09, 12:30 in Chicago (daylight time, UTC-5).
        Assert.Equal("2025-09-09T12:30:00-05:00", times[0]);
    }

    [Theory]
    [InlineData("/paper zzqqxxjj")]
    [InlineData("/frobnicate")]
    public void Ask_exits_1_when_its_answer_is_an_error(string question)
    {
        var run = CliRun.Invoke("ask", question, "--config", CliRun.SampleConfig, "--format", "json");

        Assert.Equal(1, run.ExitCode);
        using var document = JsonDocument.Parse(run.Output);
        Assert.True(document.RootElement.GetProperty("error").GetBoolean());
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var process = await BotProcess.RunToEndAsync(_work.Path, new Dictionary<string, string>(), args);
        return (process.ExitCode, process.Output, process.Error);
    }

    // A log line: the bot's "info PostSender: …", or .NET's own "info: Category[id]" format.
    [GeneratedRegex(@"^(trce|dbug|info|warn|fail|crit):? ", RegexOptions.Multiline)]
    private static partial Regex LogLine();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")]
    private static partial Regex UtcSeconds();
}
