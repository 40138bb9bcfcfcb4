using System.CommandLine;
using CourseBot.Bot.Calendar;

namespace CourseBot.Bot.Cli;

/// <summary>
/// <c>coursebot calendar</c>: the course's calendar as an iCalendar file, to import once. It is the feed the bot
/// serves at <c>/calendar/{courseId}.ics</c> except that every event is at SEQUENCE 0, stamped now: a file is
/// a copy, and only the running bot's store knows how often each event changed (subscribe to the URL to follow edits).
/// </summary>
internal static class CalendarCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var course = CommonOptions.Course();
        var output = new Option<string?>("--output") { Description = "Write the calendar to this file instead of standard output", HelpName = "FILE" };
        var command = new Command("calendar", "Write the course's calendar (classes, reading-response deadlines, holidays) as an .ics file") { config, course, output };
        command.SetAction(async (result, cancellationToken) =>
        {
            var error = result.InvocationConfiguration.Error;
            if (await CommonOptions.LoadCourseAsync(result, config, course, cancellationToken) is not (_, { } snapshot))
            {
                return CommonOptions.ConfigurationError;
            }

            var feed = await CalendarFeed.BuildAsync(snapshot, "", new MemoryCalendarRevisions(TimeProvider.System), cancellationToken);
            if (result.GetValue(output) is not { } file)
            {
                // The feed's own bytes (CRLF lines, UTF-8), not re-encoded by the console writer.
                result.InvocationConfiguration.Output.Write(System.Text.Encoding.UTF8.GetString(feed.Body));
                return 0;
            }

            try
            {
                await File.WriteAllBytesAsync(file, feed.Body, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"{file}: error: the calendar cannot be written: {e.Message}; pass --output with a path in a folder you can write to");
                return CommonOptions.ConfigurationError;
            }

            error.WriteLine($"{file}: {snapshot.Course.Id} calendar written; import it in Google Calendar, Apple Calendar or Outlook (or subscribe to the bot's /calendar/{snapshot.Course.Id}.ics to follow edits)");
            return 0;
        });
        return command;
    }
}
