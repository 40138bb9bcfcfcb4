using System.CommandLine;
using CourseBot.Core.Commands;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Cli;

/// <summary><c>coursebot preview --week N</c>: the weekly announcement exactly as it would be posted.</summary>
internal static class PreviewCommand
{
    public static Command Create()
    {
        var week = new Option<int?>("--week") { Description = "The week number (default: this week)", HelpName = "N" };
        var config = CommonOptions.Config();
        var course = CommonOptions.Course();
        var format = CommonOptions.Format();
        var command = new Command("preview", "Print a week's announcement without posting it") { week, config, course, format };
        command.SetAction(async (result, cancellationToken) =>
        {
            var output = result.InvocationConfiguration.Output;
            if (await CommonOptions.LoadCourseAsync(result, config, course, cancellationToken) is not ({ } set, { } snapshot))
            {
                return CommonOptions.ConfigurationError;
            }

            WeekQuery? query = result.GetValue(week) is { } number ? new WeekQuery.Numbered(number) : null;
            var reply = Announcements.Preview(snapshot, query, TimeProvider.System.GetUtcNow());
            CommonOptions.WriteReply(reply, result.GetValue(format), output);

            return reply.IsError ? 1 : 0;
        });
        return command;
    }
}
