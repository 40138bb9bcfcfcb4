using System.CommandLine;
using CourseBot.Core.ReadingList;

namespace CourseBot.Bot.Cli;

/// <summary><c>coursebot export</c>: the parsed reading list as JSON, from a course or from two files.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var course = CommonOptions.Course();
        var readingList = new Option<string?>("--reading-list") { Description = "A reading-list page to parse instead of a course's", HelpName = "FILE" };
        var papers = new Option<string?>("--papers") { Description = "The papers YAML that goes with --reading-list", HelpName = "FILE" };
        var command = new Command("export", "Print the parsed reading list and its diagnostics as JSON") { config, course, readingList, papers };
        command.Validators.Add(result =>
        {
            if (result.GetValue(readingList) is not null && result.GetValue(course) is not null)
            {
                result.AddError("--course and --reading-list exclude each other: export a course, or a reading list and its papers file");
            }

            if (result.GetValue(papers) is not null && result.GetValue(readingList) is null)
            {
                result.AddError("--papers needs --reading-list");
            }
        });
        command.SetAction(async (result, cancellationToken) =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            CourseReadingList list;
            if (result.GetValue(readingList) is { } listPath)
            {
                list = ReadingListLoader.Load(listPath, result.GetValue(papers));
            }
            else
            {
                var set = await CommonOptions.LoadCoursesAsync(result.GetValue(config), error, cancellationToken);
                var snapshot = set is null ? null : CommonOptions.ChooseCourse(set, result.GetValue(course), error);
                if (snapshot is null)
                {
                    return CommonOptions.ConfigurationError;
                }

                list = snapshot.ReadingList;
            }

            CommonOptions.WriteJson(stream => ReadingListJson.Write(list, stream), output);
            return 0;
        });
        return command;
    }
}
