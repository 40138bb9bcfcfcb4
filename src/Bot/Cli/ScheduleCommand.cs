using System.CommandLine;
using CourseBot.Core.Commands;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Cli;

/// <summary><c>coursebot schedule</c>: the term, week by week.</summary>
internal static class ScheduleCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var course = CommonOptions.Course();
        var format = CommonOptions.Format();
        var command = new Command("schedule", "Print the term: weeks, dates, topics and holidays") { config, course, format };
        command.SetAction(async (result, cancellationToken) =>
        {
            var output = result.InvocationConfiguration.Output;
            if (await CommonOptions.LoadCourseAsync(result, config, course, cancellationToken) is not ({ } set, { } snapshot))
            {
                return CommonOptions.ConfigurationError;
            }

            var reply = ScheduleReply.Create(snapshot, TimeProvider.System.GetUtcNow());
            CommonOptions.WriteReply(reply, result.GetValue(format), output);

            return 0;
        });
        return command;
    }
}
