using System.CommandLine;
using System.Globalization;
using CourseBot.Bot.Hosting;
using CourseBot.Core;
using CourseBot.Core.ReadingList;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Cli;

/// <summary>Options and helpers the verbs share.</summary>
internal static class CommonOptions
{
    /// <summary>Exit code for a missing or unusable configuration.</summary>
    public const int ConfigurationError = 2;

    public static Option<string?> Config() => new("--config")
    {
        Description = "The folder with the course files (default: ./config, else the sample course shipped with the bot)",
        HelpName = "DIR",
    };

    public static Option<string?> Course() => new("--course")
    {
        Description = "The course id, when the folder holds several courses",
        HelpName = "ID",
    };

    public static Option<string> Format() => new Option<string>("--format")
    {
        Description = "Output format",
        DefaultValueFactory = _ => "text",
    }.AcceptOnlyFromAmong("text", "json");

    /// <summary>The config folder to use, or null after saying on stderr that it does not exist.</summary>
    public static string? ExistingDirectory(string? configDirectory, TextWriter error)
    {
        var directory = CourseLoader.ResolveDirectory(configDirectory);
        if (Directory.Exists(directory))
        {
            return directory;
        }

        error.WriteLine($"{directory}: error: the config folder does not exist; pass --config DIR with your course files (see README: Course files)");
        return null;
    }

    /// <summary>Loads the courses, or explains on stderr why it cannot (and returns null).</summary>
    public static async Task<CourseSet?> LoadCoursesAsync(string? configDirectory, TextWriter error, CancellationToken cancellationToken)
    {
        if (ExistingDirectory(configDirectory, error) is not { } directory)
        {
            return null;
        }

        using var http = SourceReader.NewHttpClient();
        var set = await CourseLoader.LoadAsync(directory, new SourceReader(http), cancellationToken);
        if (set.Courses.Count == 0)
        {
            WriteDiagnostics(set.Diagnostics, error);
            error.WriteLine($"{directory}: error: no course could be loaded");
            return null;
        }

        return set;
    }

    /// <summary>The chosen course, or null after explaining the problem on stderr.</summary>
    public static CourseSnapshot? ChooseCourse(CourseSet set, string? id, TextWriter error)
    {
        var course = set.Find(id, out var problem);
        if (course is null)
        {
            error.WriteLine($"error: {problem}");
        }

        return course;
    }

    /// <summary>Loads the config folder and picks the course; null (after explaining on stderr) when that fails.</summary>
    public static async Task<(CourseSet Set, CourseSnapshot Course)?> LoadCourseAsync(ParseResult result, Option<string?> config, Option<string?> course, CancellationToken cancellationToken)
    {
        var error = result.InvocationConfiguration.Error;
        var set = await LoadCoursesAsync(result.GetValue(config), error, cancellationToken);
        var snapshot = set is null ? null : ChooseCourse(set, result.GetValue(course), error);
        return snapshot is null ? null : (set!, snapshot);
    }

    public static void WriteReply(Reply reply, string? format, TextWriter output)
    {
        if (format == "json")
        {
            WriteJson(stream => ReplyJson.Write(reply, stream), output);
        }
        else
        {
            output.Write(PlainTextRenderer.Render(reply));
        }
    }

    public static void WriteJson(Action<Stream> write, TextWriter output)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    public static void WriteDiagnostics(IEnumerable<Diagnostic> diagnostics, TextWriter output, Severity minimum = Severity.Warning)
    {
        foreach (var diagnostic in diagnostics.Where(d => d.Severity >= minimum))
        {
            output.WriteLine(diagnostic);
        }
    }

    /// <summary>
    /// Reads an ISO-8601 moment. Without an offset it is a local time in the course's zone, which is
    /// what an instructor means by "--at 2025-09-10T09:00".
    /// </summary>
    public static bool TryParseMoment(string text, TimeZoneInfo zone, out DateTimeOffset moment)
    {
        moment = default;
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
        {
            return false;
        }

        switch (parsed.Kind)
        {
            case DateTimeKind.Unspecified:
                var offset = zone.IsInvalidTime(parsed) ? zone.GetUtcOffset(parsed.AddHours(1)) : zone.GetUtcOffset(parsed);
                moment = new DateTimeOffset(parsed, offset);
                return true;
            default:
                return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out moment);
        }
    }
}
