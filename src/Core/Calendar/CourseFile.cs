using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CourseBot.Core.ReadingList;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CourseBot.Core.Calendar;

/// <summary>
/// Reads course files (one YAML mapping per course). Every problem is reported at once with its
/// line and column; a file with errors defines no course, the other files still do.
/// </summary>
public static partial class CourseFile
{
    private static readonly string[] Fields =
    [
        "id", "name", "term", "timeZone", "firstMonday", "lastDay", "meetings", "holidays", "numberHolidayWeeks",
        "responses", "announce", "holidayNotice", "readingList", "papers", "channels", "studentReplies", "plan",
        "answerMentions", "leads",
    ];

    public static CourseFileResult LoadDirectory(string directory)
    {
        var files = Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*.yaml").Concat(Directory.EnumerateFiles(directory, "*.yml")).Order(StringComparer.Ordinal).ToArray()
            : [];
        var courses = new List<CourseDefinition>();
        var diagnostics = new List<Diagnostic>();
        if (files.Length == 0)
        {
            diagnostics.Add(Diagnostic.Error(new SourceLocation(directory, 1, 1), "no course file (*.yaml) in this folder", "add one YAML file per course; see README, Course files"));
        }

        foreach (var file in files)
        {
            var result = Load(file);
            diagnostics.AddRange(result.Diagnostics);
            foreach (var course in result.Courses)
            {
                if (courses.FirstOrDefault(c => c.Id == course.Id) is { } other)
                {
                    diagnostics.Add(Diagnostic.Error(new SourceLocation(file, 1, 1), $"course id \"{course.Id}\" is also used by {other.SourcePath}", "give every course its own id"));
                    continue;
                }

                courses.Add(course);
            }
        }

        return new CourseFileResult(courses, diagnostics);
    }

    public static CourseFileResult Load(string path)
    {
        var diagnostics = new List<Diagnostic>();
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(Diagnostic.Error(new SourceLocation(path, 1, 1), $"the course file cannot be read: {e.Message}"));
            return new CourseFileResult([], diagnostics);
        }

        var text = SourceText.Decode(bytes, path, diagnostics);
        var course = text is null ? null : Parse(text, path, diagnostics);
        return new CourseFileResult(course is null ? [] : [course], diagnostics);
    }

    public static CourseDefinition? Parse(string text, string path, List<Diagnostic> diagnostics)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(DepthLimitedParser.Over(text));
        }
        catch (YamlException e)
        {
            var (at, message) = YamlProblem.Of(e, text, path);
            diagnostics.Add(Diagnostic.Error(at, $"the course file is not valid YAML: {message}", "fix the YAML at this place"));
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            diagnostics.Add(Diagnostic.Error(new SourceLocation(path, 1, 1), "the course file is empty", "see README, Course files, for the fields"));
            return null;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            diagnostics.Add(Diagnostic.Error(At(path, stream.Documents[0].RootNode), "the course file must be a mapping of fields (id: …, name: …)", "see README, Course files"));
            return null;
        }

        var before = diagnostics.Count;
        var reader = new CourseFileReader(path, root, diagnostics);
        var course = reader.Read(Hash(text));
        return diagnostics.Skip(before).Any(d => d.Severity == Severity.Error) ? null : course;
    }

    internal static SourceLocation At(string path, YamlNode node) =>
        new(path, Math.Max(1, (int)node.Start.Line), Math.Max(1, (int)node.Start.Column));

    internal static IReadOnlyList<string> KnownFields => Fields;

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];

    [GeneratedRegex(@"^[a-z0-9][a-z0-9_-]*$")]
    internal static partial Regex IdPattern();

    /// <summary>Slack channel ids: C… for channels, G… for private channels (older workspaces), upper-case letters and digits.</summary>
    [GeneratedRegex(@"^[CG][A-Z0-9]{2,}$")]
    internal static partial Regex SlackChannelIdPattern();

    internal static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
}
