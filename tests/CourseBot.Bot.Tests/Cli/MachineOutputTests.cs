using System.Text.Json;
using System.Text.RegularExpressions;
using CourseBot.Bot.Tests.Running;
using CourseBot.Bot.Tests.Scheduling;

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
    public async Task Announce_and_posts_print_their_logs_on_stderr_and_posts_json_is_one_document_with_one_time_form()
    {
        var announce = await RunAsync("announce", "--week", "3", "--config", CliRun.SampleConfig);
        var json = await RunAsync("posts", "--config", CliRun.SampleConfig, "--format", "json");
        var text = await RunAsync("posts", "--config", CliRun.SampleConfig);

        Assert.True(announce.ExitCode == 0, announce.Error);
        Assert.Contains("Storage schema ready", announce.Error);
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
        Assert.Matches(UtcMillis(), record.GetProperty("createdAt").GetString());
        Assert.Matches(UtcMillis(), record.GetProperty("completedAt").GetString());
        Assert.DoesNotContain("\\u002B", json.Output);
        Assert.Contains(" sent ", text.Output);
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
        var environment = new Dictionary<string, string> { ["Storage__DataDirectory"] = Path.Combine(_work.Path, "data") };
        using var process = BotProcess.Start(_work.Path, environment, args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    // A log line: the bot's "info PostSender: …", or .NET's own "info: Category[id]" format.
    [GeneratedRegex(@"^(trce|dbug|info|warn|fail|crit):? ", RegexOptions.Multiline)]
    private static partial Regex LogLine();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex UtcMillis();
}
