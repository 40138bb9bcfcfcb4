using System.CommandLine;
using CourseBot.Bot.Hosting;
using CourseBot.Core.Calendar;
using CourseBot.Core.ReadingList;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Cli;

/// <summary>
/// <c>coursebot run</c> (also the default): the long-running bot. Exits 2 with every problem listed
/// when the course files or settings are not usable.
/// </summary>
internal static class RunCommand
{
    public static Command Create(Option<string?> config)
    {
        var command = new Command("run", "Run the bot: answer commands, post announcements and reminders") { config };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((result, cancellationToken) => RunAsync(result, config, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(ParseResult result, Option<string?> config, CancellationToken cancellationToken)
    {
        var error = result.InvocationConfiguration.Error;
        if (CommonOptions.ExistingDirectory(result.GetValue(config), error) is not { } directory)
        {
            return CommonOptions.ConfigurationError;
        }

        var courseFiles = CourseFile.LoadDirectory(directory);
        if (courseFiles.Diagnostics.Any(d => d.Severity == Severity.Error) || courseFiles.Courses.Count == 0)
        {
            CommonOptions.WriteDiagnostics(courseFiles.Diagnostics, error);
            error.WriteLine("error: the course files have problems (listed above); fix them and start again");
            return CommonOptions.ConfigurationError;
        }

        // Everything the command line did not recognise (--urls, --environment, …) goes to ASP.NET Core.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [.. result.UnmatchedTokens], ContentRootPath = AppContext.BaseDirectory });
        if (!ListenAddress.IsConfigured(builder.Configuration))
        {
            builder.WebHost.UseUrls(ListenAddress.Default);
        }

        var problems = SettingsCheck.Problems(builder.Configuration);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                error.WriteLine($"error: {problem}");
            }

            error.WriteLine("error: the settings have problems (listed above); fix them and start again");
            return CommonOptions.ConfigurationError;
        }

        builder.AddCourseBotServices(directory);
        try
        {
            await using var app = builder.Build();
            app.MapCourseBotEndpoints();
            // RunAsync disposes the host's services, so take the stop record first.
            var fatal = app.Services.GetRequiredService<FatalStop>();
            await app.RunAsync(cancellationToken);
            if (fatal.Reason is { } reason)
            {
                error.WriteLine($"error: {reason}");
            }

            return fatal.ExitCode;
        }
        catch (OptionsValidationException e)
        {
            foreach (var failure in e.Failures)
            {
                error.WriteLine($"error: {failure}");
            }

            return CommonOptions.ConfigurationError;
        }
    }
}
