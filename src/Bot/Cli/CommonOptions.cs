using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
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

    /// <summary>Exit code for an answer that is an error (nothing found, unknown command).</summary>
    public const int ErrorAnswer = 1;

    /// <summary>
    /// Every JSON document the verbs print: indented, and only what JSON requires is escaped (a "+" in an
    /// offset or an "é" in a title stays as it is).
    /// </summary>
    public static JsonWriterOptions JsonOutput => new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A ledger moment in JSON output: ISO-8601 in UTC, e.g. 2025-09-08T14:00:00Z (see <see cref="IsoTime"/>).</summary>
    public static string? JsonTime(DateTimeOffset? moment) => moment is { } at ? IsoTime.Utc(at) : null;

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
            error.WriteLine($"error: {BrokenCourse(set, id) ?? problem}");
        }

        return course;
    }

    /// <summary>
    /// When the asked-for course is missing because its file has errors (cs2.yaml for --course cs2), says so:
    /// "there is no course" would send the user looking for a typo instead of the broken file.
    /// </summary>
    private static string? BrokenCourse(CourseSet set, string? id)
    {
        if (id is null || !set.HasErrors)
        {
            return null;
        }

        var broken = set.Diagnostics
            .Where(d => d.Severity == Severity.Error)
            .Select(d => d.Location.Path)
            .FirstOrDefault(path => string.Equals(Path.GetFileNameWithoutExtension(path), id, StringComparison.OrdinalIgnoreCase));
        return broken is null
            ? $"there is no course \"{id}\" among those that loaded ({string.Join(", ", set.Courses.Select(c => c.Course.Id))}), and a course file has errors; run `coursebot validate` to see them"
            : $"the course \"{id}\" could not be loaded: {broken} has errors; run `coursebot validate` to see them";
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

    /// <summary>What an option taking a moment accepts, for its error message.</summary>
    public const string MomentForms = "an ISO-8601 date or time; write e.g. 2025-09-10, 2025-09-10T09:00 or 2025-09-10T09:00:30 (the course's local time), or with an offset 2025-09-10T09:00-05:00 or 2025-09-10T14:00Z";

    // Only ISO-8601: a culture's reading of "10/09/2025" (October or September?) is a guess.
    private static readonly string[] LocalForms = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"];
    private static readonly string[] OffsetForms = ["yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz"];
    private static readonly string[] UtcForms = ["yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"];

    /// <summary>
    /// Reads an ISO-8601 moment (see <see cref="MomentForms"/>). Without an offset it is a local time in
    /// the course's zone, which is what an instructor means by "--at 2025-09-10T09:00".
    /// </summary>
    public static bool TryParseMoment(string text, TimeZoneInfo zone, out DateTimeOffset moment)
    {
        var invariant = CultureInfo.InvariantCulture;
        if (DateTimeOffset.TryParseExact(text, OffsetForms, invariant, DateTimeStyles.None, out moment))
        {
            return true;
        }

        if (DateTimeOffset.TryParseExact(text, UtcForms, invariant, DateTimeStyles.AssumeUniversal, out moment))
        {
            return true;
        }

        if (DateTime.TryParseExact(text, LocalForms, invariant, DateTimeStyles.None, out var local))
        {
            // A local time skipped by a daylight-saving change means the moment just after it.
            var offset = zone.IsInvalidTime(local) ? zone.GetUtcOffset(local.AddHours(1)) : zone.GetUtcOffset(local);
            moment = new DateTimeOffset(local, offset);
            return true;
        }

        moment = default;
        return false;
    }
}
