namespace CourseBot.Bot.Tests.Cli;

/// <summary>A mistyped option is an error that names it (exit 2), never silently ignored.</summary>
public sealed class CommandLineErrorTests
{
    [Theory]
    [InlineData("--confg", "validate", "--confg", "/tmp/nowhere")]
    [InlineData("--format", "announce", "--week", "4", "--dry-run", "--format", "json")]
    [InlineData("--bogus", "run", "--bogus")]
    [InlineData("--confg", "run", "--confg", "/tmp/nowhere")]
    [InlineData("--bogus", "--bogus")]
    public void An_unknown_option_is_named_and_exits_2(string unknown, params string[] args)
    {
        var run = CliRun.Invoke(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(run.Error.Split('\n'), line => line.StartsWith("error:", StringComparison.Ordinal) && line.Contains($"'{unknown}'", StringComparison.Ordinal));
        Assert.Contains("--help", run.Error);
        Assert.Equal("", run.Output);
    }

    [Theory]
    [InlineData("--at", "coursebot run", "--at", "2025-09-08T09:00", "run")]
    [InlineData("--config", "coursebot validate", "--config", "/tmp/nowhere", "validate")]
    [InlineData("--urls", "coursebot posts", "--urls", "http://127.0.0.1:9", "posts")]
    [InlineData("--config", "coursebot leads claim", "--config", "/tmp/nowhere", "leads", "claim", "x", "--user", "u")]
    public void A_run_option_given_before_a_verb_is_refused_not_ignored(string option, string verb, params string[] args)
    {
        var run = CliRun.Invoke(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"error: {option} goes after the command: `{verb} {option} …`", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Output);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("validate")]
    [InlineData("announce")]
    public void Help_offers_no_pass_through_arguments(string verb)
    {
        var run = CliRun.Invoke(verb, "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("additional arguments", run.Output);
    }
}
