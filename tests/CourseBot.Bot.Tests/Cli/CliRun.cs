using System.CommandLine;
using CourseBot.Bot.Cli;

namespace CourseBot.Bot.Tests.Cli;

/// <summary>Runs a <c>coursebot</c> command line in-process and captures what it prints.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>The sample course as shipped in config/ (copied beside the test assembly by the Bot project).</summary>
    public static string SampleConfig => Path.Combine(AppContext.BaseDirectory, "config");

    public static CliRun Invoke(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CourseBotCommandLine.InvokeAsync(args, new InvocationConfiguration { Output = output, Error = error }).GetAwaiter().GetResult();
        return new CliRun(exit, output.ToString(), error.ToString());
    }
}
