using System.CommandLine;
using CourseBot.Core.Commands;
using CourseBot.Core.ReadingList;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Cli;

/// <summary><c>coursebot ask "/reading week3"</c> or <c>coursebot ask "is Orca required?"</c>: answers as a student would see it at that moment.</summary>
internal static class AskCommand
{
    public static Command Create()
    {
        var text = new Argument<string>("text") { Description = "What a student types: a command such as \"/reading week3\", or a question in plain words such as \"which papers are required this week?\"" };
        var config = CommonOptions.Config();
        var course = CommonOptions.Course();
        var at = new Option<string?>("--at") { Description = "Answer as of this moment (ISO-8601; without an offset it is the course's local time). Default: now", HelpName = "TIME" };
        var format = CommonOptions.Format();
        var command = new Command("ask", "Answer a student command or plain question for the course") { text, config, course, at, format };
        command.SetAction(async (result, cancellationToken) =>
        {
            var error = result.InvocationConfiguration.Error;
            var output = result.InvocationConfiguration.Output;
            if (await CommonOptions.LoadCourseAsync(result, config, course, cancellationToken) is not ({ } set, { } snapshot))
            {
                return CommonOptions.ConfigurationError;
            }

            CommonOptions.WriteDiagnostics(set.Diagnostics, error, Severity.Error);
            var now = TimeProvider.System.GetUtcNow();
            if (result.GetValue(at) is { } atText && !CommonOptions.TryParseMoment(atText, snapshot.TimeZone, out now))
            {
                error.WriteLine($"error: --at \"{atText}\" is not {CommonOptions.MomentForms}");
                return CommonOptions.ConfigurationError;
            }

            var reply = CommandDispatcher.Answer(result.GetValue(text)!, snapshot, now);
            CommonOptions.WriteReply(reply, result.GetValue(format), output);

            // "No matching paper", an unknown command: a script sees it in the exit code, as with announce.
            return reply.IsError ? CommonOptions.ErrorAnswer : 0;
        });
        return command;
    }
}
