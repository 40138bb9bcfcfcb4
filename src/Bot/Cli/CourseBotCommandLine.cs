using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace CourseBot.Bot.Cli;

/// <summary>The <c>coursebot</c> verbs. Each verb lives in its own small class; this only assembles them.</summary>
public static class CourseBotCommandLine
{
    /// <summary>
    /// Parses and runs a command line. A command line that does not parse (a mistyped option such as
    /// <c>--confg</c>, a missing value) is not usable: it says why and exits 2, like any other unusable
    /// setting, instead of System.CommandLine's exit code 1 (which means "a wrong answer" here).
    /// </summary>
    public static async Task<int> InvokeAsync(string[] args, InvocationConfiguration? invocation = null, CancellationToken cancellationToken = default)
    {
        var result = Create().Parse(args);
        invocation ??= new InvocationConfiguration();
        if (result.Action is ParseErrorAction)
        {
            foreach (var problem in result.Errors)
            {
                invocation.Error.WriteLine($"error: {problem.Message}");
            }

            invocation.Error.WriteLine($"error: the command line cannot be used; `{Verb(result)} --help` lists the options");
            return CommonOptions.ConfigurationError;
        }

        // "coursebot --at X run" would parse, with --at given to the verb-less root and ignored by `run`: say where it goes.
        if (result.CommandResult != result.RootCommandResult
            && result.RootCommandResult.Children.OfType<OptionResult>().FirstOrDefault(o => !o.Implicit && o.Option is not (HelpOption or VersionOption)) is { } early)
        {
            var name = early.Option.Name;
            invocation.Error.WriteLine($"error: {name} goes after the command: `{Verb(result)} {name} …` (before it, {name} would be ignored)");
            return CommonOptions.ConfigurationError;
        }

        return await result.InvokeAsync(invocation, cancellationToken);
    }

    /// <summary>"coursebot leads claim", not "coursebot claim", for a verb of a verb.</summary>
    private static string Verb(ParseResult result)
    {
        var verb = "coursebot";
        for (var command = result.CommandResult; command.Command is not RootCommand && command.Parent is CommandResult parent; command = parent)
        {
            verb = verb.Insert("coursebot".Length, " " + command.Command.Name);
        }

        return verb;
    }

    public static RootCommand Create()
    {
        var root = new RootCommand("CourseBot: the course's reading list, calendar and weekly posts, on Discord, Slack and the console.");
        var config = CommonOptions.Config();

        // With no verb, run the bot.
        var at = RunCommand.At();
        root.Options.Add(config);
        root.Options.Add(at);
        root.SetAction((result, cancellationToken) => RunCommand.RunAsync(result, config, at, cancellationToken));
        root.Subcommands.Add(RunCommand.Create(CommonOptions.Config()));
        root.Subcommands.Add(AskCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(ValidateCommand.Create());
        root.Subcommands.Add(PreviewCommand.Create());
        root.Subcommands.Add(ScheduleCommand.Create());
        root.Subcommands.Add(CalendarCommand.Create());
        root.Subcommands.Add(PostsCommand.Create());
        root.Subcommands.Add(AnnounceCommand.Create());
        root.Subcommands.Add(ProbeCommand.Create());
        root.Subcommands.Add(LeadsCommand.Create());

        // `coursebot` alone runs the bot, so its help shows where the bot listens too.
        root.Options.Add(RunCommand.Urls());
        return root;
    }
}
