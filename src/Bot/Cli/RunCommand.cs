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
        var command = new Command("run", "Run the bot: answer commands, post announcements and reminders") { config, Urls() };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((result, cancellationToken) => RunAsync(result, config, cancellationToken));
        return command;
    }

    /// <summary>Where the health (and platform HTTP) endpoints listen; shown in the help, handed to ASP.NET Core.</summary>
    public static Option<string?> Urls() => new("--urls")
    {
        Description = $"Where /healthz, /readyz and the platforms' HTTP endpoints listen, ';'-separated (default: {DefaultUrls}, or the ASPNETCORE_URLS setting)",
        HelpName = "URLS",
    };

    private const string DefaultUrls = "http://127.0.0.1:8080";

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
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls("http://127.0.0.1:8080");
        }

        // --urls is in the help, so the command line parsed it (it is not among the tokens above); like
        // ASP.NET Core's own --urls it wins over ASPNETCORE_URLS.
        if (result.GetValue<string?>("--urls") is { Length: > 0 } urls)
        {
            builder.WebHost.UseUrls(urls);
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
            return await RunningBot.RunAsync(app, error, cancellationToken);
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
