using System.Diagnostics;
using CourseBot.Bot.Tests.Running;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Bot.Tests.Testing;

namespace CourseBot.Bot.Tests.Cli;

/// <summary>
/// <c>dotnet run --project src/Bot</c> from the repository root serves the repository's <c>config/</c>:
/// the bot runs in the folder the user typed the command in, and a relative <c>--config</c> is read from there.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Process)]
public sealed class WorkingDirectoryTests : IDisposable
{
    private readonly TempDirectory _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task Dotnet_run_starts_the_bot_in_the_folder_it_was_typed_in()
    {
        // What `dotnet run --project src/Bot` uses as the bot's working folder, asked of MSBuild from another folder.
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _work.Path };
        foreach (var arg in new[] { "msbuild", BotProjectFile(), "-getProperty:RunWorkingDirectory", "-nodeReuse:false" })
        {
            start.ArgumentList.Add(arg);
        }

        // No MSBuild node or build server may outlive the command: one would hold its output open.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        using var msbuild = await WatchedProcess.RunAsync(start);

        Assert.True(msbuild.ExitCode == 0, msbuild.Described($"exited with {msbuild.ExitCode}"));
        Assert.Equal(_work.Path, msbuild.Output.Trim().TrimEnd(Path.DirectorySeparatorChar));
    }

    [Fact]
    public async Task A_relative_config_folder_is_read_from_the_working_folder()
    {
        CourseCopy.Create(_work.Path, course => course);

        var (exitCode, output) = await BotProcess.RunAsync(_work.Path, "validate", "--config", "config");

        Assert.Equal(0, exitCode);
        Assert.Contains(Path.Combine(_work.Path, "config", "cs395t", "papers.yaml") + ":55:1: warning", output);
    }

    [Fact]
    public async Task Without_config_the_bot_serves_the_config_folder_of_the_working_folder()
    {
        var config = CourseCopy.Create(_work.Path, course => course);
        File.WriteAllText(Path.Combine(config, "cs395t", "papers.yaml"), "");

        var (exitCode, output) = await BotProcess.RunAsync(_work.Path, "validate");

        Assert.Equal(1, exitCode);
        Assert.Contains(Path.Combine(_work.Path, "config", "cs395t", "reading_list.md"), output);
    }

    private static string BotProjectFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CourseBot.sln")))
            {
                return Path.Combine(dir.FullName, "src", "Bot", "CourseBot.Bot.csproj");
            }
        }

        throw new InvalidOperationException("the repository (CourseBot.sln) was not found above the test binary");
    }
}
