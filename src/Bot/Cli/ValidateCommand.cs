using System.CommandLine;
using CourseBot.Core.ReadingList;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Cli;

/// <summary>
/// <c>coursebot validate</c>: every problem in the course files, reading lists and plans; exit 1 on errors,
/// 2 when no course loads at all (like every verb whose configuration is unusable).
/// </summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var command = new Command("validate", "Check the course files, reading lists and papers; exit 1 when there are errors, 2 when no course loads") { config };
        command.SetAction(async (result, cancellationToken) =>
        {
            var output = result.InvocationConfiguration.Output;
            if (CommonOptions.ExistingDirectory(result.GetValue(config), result.InvocationConfiguration.Error) is not { } directory)
            {
                return CommonOptions.ConfigurationError;
            }

            using var http = Hosting.SourceReader.NewHttpClient();
            var set = await Hosting.CourseLoader.LoadAsync(directory, new Hosting.SourceReader(http), cancellationToken);
            CommonOptions.WriteDiagnostics(InFileOrder(set.Diagnostics), output);
            var errors = set.Diagnostics.Count(d => d.Severity == Severity.Error);
            var warnings = set.Diagnostics.Count - errors;
            foreach (var course in set.Courses)
            {
                output.WriteLine($"{course.Course.Id}: {course.Summary}");
            }

            output.WriteLine($"{Counted.Of(errors, "error")}, {Counted.Of(warnings, "warning")}");
            if (set.Courses.Count == 0)
            {
                return CommonOptions.ConfigurationError;
            }

            return errors > 0 ? 1 : 0;
        });
        return command;
    }

    /// <summary>
    /// The readers report by kind of check (unknown fields first, then each field's value), but an
    /// author fixes a file top to bottom: each file's diagnostics go by line and column, the files
    /// in the order they were read. OrderBy is stable, so two at one place keep their order.
    /// </summary>
    internal static IEnumerable<Diagnostic> InFileOrder(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics
            .GroupBy(d => d.Location.Path, StringComparer.Ordinal)
            .SelectMany(file => file.OrderBy(d => d.Location.Line).ThenBy(d => d.Location.Column));
}
