using CourseBot.Bot.Tests.Running;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Bot.Tests.Testing;

namespace CourseBot.Bot.Tests.Cli;

/// <summary>Every verb explains the same way why it has no course to work on, and run --at is not stopped by platform settings it ignores.</summary>
public sealed class CourseChoiceTests : IDisposable
{
    private readonly TempDirectory _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public void Announce_in_a_folder_without_courses_says_no_course_could_be_loaded_and_exits_2()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_work.Path, "empty")).FullName;

        var run = CliRun.Invoke("announce", "--week", "3", "--config", empty);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{empty}: error: no course could be loaded", run.Error);
        Assert.DoesNotContain("--course ID", run.Error);
        // Nothing was opened for a folder that has no course: no store beside it.
        Assert.Equal(["empty"], Directory.GetFileSystemEntries(_work.Path).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("ask", "/reading week3", "--course", "cs2")]
    [InlineData("announce", "--week", "3", "--dry-run", "--course", "cs2")]
    public void A_course_whose_file_is_broken_is_named_as_not_loaded(params string[] args)
    {
        var config = TwoCoursesOneBroken();

        var run = CliRun.Invoke([.. args, "--config", config]);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains("\"cs2\" could not be loaded", line);
        Assert.Contains("cs2.yaml", line);
        Assert.Contains("coursebot validate", line);
        Assert.DoesNotContain("there is no course", line);
    }

    [Fact]
    public void A_course_id_that_is_no_file_is_still_unknown()
    {
        var run = CliRun.Invoke("ask", "/reading week3", "--course", "cs9", "--config", TwoCoursesOneBroken());

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("there is no course \"cs9\"", run.Error);
        Assert.Contains("cs395t", run.Error);
        Assert.Contains("coursebot validate", run.Error);
    }

    [Fact]
    [Trait(TestCategory.Name, TestCategory.Process)]
    public async Task Run_at_ignores_the_platform_settings_and_still_checks_the_others()
    {
        var environment = new Dictionary<string, string>
        {
            ["Discord__BotToken"] = "abc",
            ["Discord__ApplicationId"] = "1",
            // A bad setting --at does use, so the run stops right after the check instead of running on.
            ["Posting__GracePeriod"] = "bogus",
        };

        using var bot = await BotProcess.RunToEndAsync(_work.Path, environment, "run", "--config", CliRun.SampleConfig, "--at", "2025-09-08T08:59");
        var error = bot.Error;

        Assert.Equal(2, bot.ExitCode);
        Assert.Contains("Posting__GracePeriod", error);
        Assert.DoesNotContain("Discord", error);
    }

    /// <summary>The sample course plus cs2.yaml, which does not parse.</summary>
    private string TwoCoursesOneBroken()
    {
        var config = Path.Combine(_work.Path, "config");
        CopyDirectory(CliRun.SampleConfig, config);
        File.WriteAllText(Path.Combine(config, "cs2.yaml"), "id: cs2\nname: [unclosed\n");
        return config;
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
