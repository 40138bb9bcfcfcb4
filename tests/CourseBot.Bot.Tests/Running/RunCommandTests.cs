using System.Diagnostics;
using System.Net;
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
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Port 0: the bot binds a port the system picks and says which, so no other test can take it first.
        using var bot = Start(new Dictionary<string, string> { ["Health__Token"] = "run-test-token" }, line => ListeningAddress(line, listening), "run", "--config", config, "--urls", "http://127.0.0.1:0");
        try
        {
            using var http = new HttpClient { BaseAddress = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60)) };
            Assert.Equal("{\"status\":\"ready\"}", (await WaitForReadyAsync(http, bot)).RootElement.GetRawText());
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "run-test-token");

            var ready = await WaitForReadyAsync(http, bot);

            Assert.Equal("cs395t", ready.RootElement.GetProperty("courses")[0].GetProperty("id").GetString());
            Assert.Equal("running", ready.RootElement.GetProperty("scheduler").GetProperty("state").GetString());
            Assert.Equal("local", ready.RootElement.GetProperty("platforms")[0].GetString());
            Assert.Equal("ok\n", await http.GetStringAsync("/healthz"));
            Assert.True(File.Exists(Path.Combine(_work.Path, "data", "coursebot.db")));

            using (var term = Process.Start("kill", ["-TERM", bot.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await bot.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, bot.ExitCode);
        }
        finally
        {
            // A failure half-way leaves no bot running behind the test.
            if (!bot.HasExited)
            {
                bot.Kill(entireProcessTree: true);
            }
        }
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
        using var bot = BotProcess.Start(
            _work.Path,
            new Dictionary<string, string> { ["Storage__Provider"] = "postgres", ["Posting__GracePeriod"] = "900.00:00:00" },
            "run", "--config", CliRun.SampleConfig);
        var error = await bot.StandardError.ReadToEndAsync();
        await bot.WaitForExitAsync();

        Assert.Equal(2, bot.ExitCode);
        Assert.Contains("Posting:GracePeriod", error);
        Assert.Contains("Storage:ConnectionString is required", error);
    }

    /// <summary>ASP.NET Core's "Now listening on: http://127.0.0.1:41234" line, which the bot logs (on standard error) once it is bound.</summary>
    private static void ListeningAddress(string? line, TaskCompletionSource<Uri> listening)
    {
        const string Marker = "Now listening on: ";
        if (line?.IndexOf(Marker, StringComparison.Ordinal) is >= 0 and var at)
        {
            listening.TrySetResult(new Uri(line[(at + Marker.Length)..].Trim()));
        }
    }

    private Process Start(IReadOnlyDictionary<string, string>? environment, Action<string?> onLine, params string[] args)
    {
        var process = BotProcess.Start(_work.Path, environment, args);
        process.OutputDataReceived += (_, line) => onLine(line.Data);
        process.ErrorDataReceived += (_, line) => onLine(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<JsonDocument> WaitForReadyAsync(HttpClient http, Process bot)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            Assert.False(bot.HasExited, "the bot exited before it was ready");
            try
            {
                using var response = await http.GetAsync("/readyz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the bot did not become ready within 30 s");
    }
}
