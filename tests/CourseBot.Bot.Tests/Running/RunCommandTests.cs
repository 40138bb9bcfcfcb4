using System.Text.Json;
using CourseBot.Bot.Tests.Cli;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Bot.Tests.Testing;

namespace CourseBot.Bot.Tests.Running;

/// <summary><c>coursebot run</c> as a real process: ready on /readyz, posts to the log with stdin closed, stops on SIGTERM.</summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly TempDirectory _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    [Trait(TestCategory.Name, TestCategory.Process)]
    public async Task The_bot_becomes_ready_with_stdin_closed_and_stops_cleanly_on_sigterm()
    {
        var config = CourseCopy.Create(_work.Path, text => text);
        var (bot, address) = await BotProcess.StartReadyAsync(_work.Path, new Dictionary<string, string> { ["Health__Token"] = "run-test-token" }, "--config", config);
        using var _ = bot;
        using var http = new HttpClient { BaseAddress = address };
        Assert.Equal("{\"status\":\"ready\"}", await http.GetStringAsync("/readyz"));
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "run-test-token");

        using var ready = JsonDocument.Parse(await http.GetStringAsync("/readyz"));

        Assert.Equal("cs395t", ready.RootElement.GetProperty("courses")[0].GetProperty("id").GetString());
        Assert.Equal("running", ready.RootElement.GetProperty("scheduler").GetProperty("state").GetString());
        Assert.Equal("local", ready.RootElement.GetProperty("platforms")[0].GetString());
        Assert.Equal("ok\n", await http.GetStringAsync("/healthz"));
        Assert.True(File.Exists(Path.Combine(_work.Path, "data", "coursebot.db")));

        await bot.TerminateAsync();

        Assert.Equal(0, await bot.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Broken_course_files_stop_the_bot_with_every_problem_and_exit_code_2()
    {
        File.WriteAllText(Path.Combine(_work.Path, "course.yaml"), "id: Bad Id\nname: x\ntimeZone: Mars/Olympus\nfirstMonday: 2025-08-26\n");

        var run = CliRun.Invoke("run", "--config", _work.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("course.yaml:1:", run.Error);
        Assert.Contains("unknown time zone \"Mars/Olympus\"", run.Error);
        Assert.Contains("not a Monday", run.Error);
        Assert.Contains("has no \"readingList\"", run.Error);
    }

    [Fact]
    [Trait(TestCategory.Name, TestCategory.Process)]
    public async Task Bad_settings_are_all_listed_and_the_bot_exits_2()
    {
        using var bot = await BotProcess.RunToEndAsync(
            _work.Path,
            new Dictionary<string, string> { ["Storage__Provider"] = "postgres", ["Posting__GracePeriod"] = "900.00:00:00" },
            "run", "--config", CliRun.SampleConfig);
        var error = bot.Error;

        Assert.Equal(2, bot.ExitCode);
        Assert.Contains("Posting:GracePeriod", error);
        Assert.Contains("Storage:ConnectionString is required", error);
    }
}
