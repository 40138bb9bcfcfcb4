using System.CommandLine;
using CourseBot.Bot.Hosting;
using CourseBot.Core.Calendar;
using CourseBot.Core.ReadingList;
using Microsoft.Data.Sqlite;
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
        var at = At();
        var command = new Command("run", "Run the bot: answer commands, post announcements and reminders") { config, at, Urls() };
        command.SetAction((result, cancellationToken) => RunAsync(result, config, at, cancellationToken));
        return command;
    }

    /// <summary><c>--at</c>: try the bot at another moment (the sample course's term is in the past).</summary>
    public static Option<string?> At() => new("--at")
    {
        Description = "Start the bot's clock at this moment and let it run on in real time (ISO-8601; without an offset it is the course's local time). "
            + "Posts then go to the console only, and to a throw-away store; Discord and Slack tokens are ignored",
        HelpName = "TIME",
    };

    /// <summary>Where the health (and platform HTTP) endpoints listen; shown in the help, handed to ASP.NET Core.</summary>
    public static Option<string?> Urls() => new("--urls")
    {
        Description = $"Where /healthz, /readyz and the platforms' HTTP endpoints listen, ';'-separated (default: {ListenAddress.Default}, or the ASPNETCORE_URLS setting)",
        HelpName = "URLS",
    };

    public static async Task<int> RunAsync(ParseResult result, Option<string?> config, Option<string?> at, CancellationToken cancellationToken)
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

        // A local reading list or papers file that is not there is a mistake in the course file, not a
        // passing fault (as an unreachable site may be): starting would serve the course with no readings.
        var missing = MissingLocalSources(courseFiles.Courses).ToArray();
        if (missing.Length > 0)
        {
            CommonOptions.WriteDiagnostics(missing, error);
            error.WriteLine("error: the course files name files that do not exist (listed above); fix the paths and start again");
            return CommonOptions.ConfigurationError;
        }

        DateTimeOffset? start = null;
        if (result.GetValue(at) is { } atText)
        {
            if (StartMoment(atText, courseFiles.Courses, error) is not { } moment)
            {
                return CommonOptions.ConfigurationError;
            }

            start = moment;
        }

        // No command-line arguments for ASP.NET Core: a mistyped option is an error, not a setting
        // nobody reads. Its settings still come from the environment (ASPNETCORE_URLS, …).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        if (!ListenAddress.IsConfigured(builder.Configuration))
        {
            builder.WebHost.UseUrls(ListenAddress.Default);
        }

        // Like ASP.NET Core's own --urls, it wins over ASPNETCORE_URLS.
        if (result.GetValue<string?>("--urls") is { Length: > 0 } urls)
        {
            builder.WebHost.UseUrls(urls);
        }

        if (builder.Configuration["urls"] is { Length: > 0 } listenAddresses && ListenAddress.Problems(listenAddresses) is { Count: > 0 } addressProblems)
        {
            foreach (var problem in addressProblems)
            {
                error.WriteLine($"error: {problem}");
            }

            return CommonOptions.ConfigurationError;
        }

        // A rehearsal's store is new each run, so the same --at shows the same posts again.
        var rehearsal = start is { } startAt ? new Rehearsal(startAt, Path.Combine(Path.GetTempPath(), $"coursebot-at-{Guid.NewGuid():N}")) : null;

        // Check the settings the bot will run with: a rehearsal ignores the platform tokens (and so their
        // companion settings), so they cannot stop it.
        var settings = rehearsal is null
            ? builder.Configuration
            : new ConfigurationBuilder().AddConfiguration(builder.Configuration).AddInMemoryCollection(rehearsal.Settings()).Build();
        var problems = SettingsCheck.Problems(settings);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                error.WriteLine($"error: {problem}");
            }

            error.WriteLine("error: the settings have problems (listed above); fix them and start again");
            return CommonOptions.ConfigurationError;
        }

        builder.AddCourseBotServices(directory, rehearsal);
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
        finally
        {
            if (rehearsal is not null && Directory.Exists(rehearsal.DataDirectory))
            {
                // Pooled connections keep the file open; close them so the folder can go.
                SqliteConnection.ClearAllPools();
                Directory.Delete(rehearsal.DataDirectory, recursive: true);
            }
        }
    }

    /// <summary>
    /// The moment <c>--at</c> names. Without an offset it is local time in the courses' zone, so it needs an
    /// offset when the courses are in different zones. Null after explaining the problem on stderr.
    /// </summary>
    private static DateTimeOffset? StartMoment(string text, IReadOnlyList<CourseDefinition> courses, TextWriter error)
    {
        var moments = new HashSet<DateTimeOffset>();
        foreach (var zone in courses.Select(c => c.TimeZone).Distinct())
        {
            if (!CommonOptions.TryParseMoment(text, zone, out var moment))
            {
                error.WriteLine($"error: --at \"{text}\" is not {CommonOptions.MomentForms}");
                return null;
            }

            moments.Add(moment);
        }

        if (moments.Count > 1)
        {
            error.WriteLine($"error: --at \"{text}\" has no offset and the courses are in different time zones; add one, e.g. 2025-09-08T08:59-05:00");
            return null;
        }

        return moments.Single();
    }

    private static IEnumerable<Diagnostic> MissingLocalSources(IEnumerable<CourseDefinition> courses)
    {
        foreach (var course in courses)
        {
            foreach (var (path, at) in new[] { (course.ReadingList, course.ReadingListAt), (course.Papers, course.PapersAt) })
            {
                if (!SourceReader.IsUrl(path) && !File.Exists(path))
                {
                    yield return ReadingListLoader.Unreadable(path, at, "the file does not exist");
                }
            }
        }
    }
}
