using System.CommandLine;

namespace CourseBot.Bot.Cli;

/// <summary>The <c>coursebot</c> verbs. Each verb lives in its own small class; this only assembles them.</summary>
public static class CourseBotCommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand("CourseBot: the course's reading list, calendar and weekly posts, on Discord, Slack and the console.");
        var config = CommonOptions.Config();

        // With no verb, run the bot.
        var at = RunCommand.At();
        root.Options.Add(config);
        root.Options.Add(at);
        root.TreatUnmatchedTokensAsErrors = false;
        root.SetAction((result, cancellationToken) => RunCommand.RunAsync(result, config, at, cancellationToken));
        root.Subcommands.Add(RunCommand.Create(CommonOptions.Config()));
        root.Subcommands.Add(AskCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(ValidateCommand.Create());
        root.Subcommands.Add(PreviewCommand.Create());
        root.Subcommands.Add(ScheduleCommand.Create());
        root.Subcommands.Add(PostsCommand.Create());
        root.Subcommands.Add(AnnounceCommand.Create());
        root.Subcommands.Add(ProbeCommand.Create());

        // `coursebot` alone runs the bot, so its help shows where the bot listens too.
        root.Options.Add(RunCommand.Urls());
        return root;
    }
}
