using System.Diagnostics;
using System.Net;
using CourseBot.Bot.Tests.Testing;

namespace CourseBot.Bot.Tests.Running;

/// <summary>
/// Starts <c>coursebot</c> as a real process in a working folder, with standard input closed: the executable
/// named by <see cref="ExecutableVariable"/> when it is set (CI sets it to the native build it publishes),
/// otherwise the JIT build beside the tests. Every test that starts the bot goes through here.
/// </summary>
internal static class BotProcess
{
    public const string ExecutableVariable = "COURSEBOT_EXECUTABLE";

    public static WatchedProcess Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = StartInfo();
        start.WorkingDirectory = workingDirectory;
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return WatchedProcess.Start(start);
    }

    /// <summary>Runs to the end (bounded); the result has the exit code and everything printed.</summary>
    public static async Task<WatchedProcess> RunToEndAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var process = Start(workingDirectory, environment, args);
        try
        {
            await process.WaitForExitAsync();
            return process;
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// <summary>Runs to the end with warnings only; returns the exit code and everything printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, params string[] args)
    {
        using var process = await RunToEndAsync(workingDirectory, new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Warning" }, args);
        return (process.ExitCode, process.Output + process.Error);
    }

    /// <summary>
    /// <c>coursebot run</c> with the given arguments on a port the system picks (so no other test can take it
    /// first); returns once <c>/readyz</c> answers 200, with the address the bot said it listens on.
    /// </summary>
    public static async Task<(WatchedProcess Bot, Uri Address)> StartReadyAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var bot = Start(workingDirectory, environment, ["run", .. args, "--urls", "http://127.0.0.1:0"]);
        try
        {
            // ASP.NET Core's "Now listening on: http://127.0.0.1:41234", which the bot logs once it is bound.
            var address = await bot.WaitForPrintedAsync(ListeningAddress, "printing \"Now listening on:\"");
            using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
            await bot.WaitWhileRunningAsync(() => Answers200Async(http), "/readyz answering 200");
            return (bot, address);
        }
        catch
        {
            bot.Dispose();
            throw;
        }
    }

    /// <summary>The one place that decides what "the built coursebot" is.</summary>
    private static ProcessStartInfo StartInfo()
    {
        if (Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } executable)
        {
            if (!File.Exists(executable))
            {
                throw new InvalidOperationException(
                    $"{ExecutableVariable} is set to \"{executable}\", but no such file exists. Publish the bot there first " +
                    "(dotnet publish src/Bot -c Release -o DIR, then set it to DIR/coursebot), or unset it to test the build beside the tests.");
            }

            return new ProcessStartInfo(Path.GetFullPath(executable));
        }

        var start = new ProcessStartInfo("dotnet");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "coursebot.dll"));
        return start;
    }

    private static Uri? ListeningAddress(string printed)
    {
        const string Marker = "Now listening on: ";
        var at = printed.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var end = printed.IndexOfAny(['\r', '\n'], at);
        return end < 0 ? null : new Uri(printed[(at + Marker.Length)..end].Trim());
    }

    private static async Task<string?> Answers200Async(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync("/readyz");
            return response.StatusCode == HttpStatusCode.OK ? "ready" : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }
}
