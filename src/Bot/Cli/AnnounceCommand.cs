using System.CommandLine;
using CourseBot.Bot.Delivery;
using CourseBot.Bot.Hosting;
using CourseBot.Core.Commands;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Cli;

/// <summary>
/// <c>coursebot announce --week N</c>: posts a week's announcement now through the same ledger as the
/// scheduler, so it never duplicates a post that already went out. <c>--dry-run</c> only shows it.
/// </summary>
internal static class AnnounceCommand
{
    public static Command Create()
    {
        var week = new Option<int>("--week") { Description = "The week to announce", Required = true, HelpName = "N" };
        var config = CommonOptions.Config();
        var course = CommonOptions.Course();
        var dryRun = new Option<bool>("--dry-run") { Description = "Show the announcement without posting it" };
        var command = new Command("announce", "Post a week's announcement now (or show it with --dry-run)") { week, config, course, dryRun };
        command.SetAction(async (result, cancellationToken) =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            var query = new WeekQuery.Numbered(result.GetValue(week));
            if (result.GetValue(dryRun))
            {
                if (await CommonOptions.LoadCourseAsync(result, config, course, cancellationToken) is not ({ } _, { } preview))
                {
                    return CommonOptions.ConfigurationError;
                }

                var shown = Announcements.Preview(preview, query, TimeProvider.System.GetUtcNow());
                output.Write(PlainTextRenderer.Render(shown));
                return shown.IsError ? 1 : 0;
            }

            // The course first, as every verb does (same messages, exit 2), so that a folder without a usable
            // course opens no store.
            if (await CommonOptions.LoadCourseAsync(result, config, course, cancellationToken) is not ({ } _, { } chosen)
                || CommonOptions.ExistingDirectory(result.GetValue(config), error) is not { } directory)
            {
                return CommonOptions.ConfigurationError;
            }

            await using var bot = await OfflineBot.StartAsync(directory, loadCourses: true, result.InvocationConfiguration.Error, cancellationToken);
            if (bot is null)
            {
                return CommonOptions.ConfigurationError;
            }

            var snapshot = bot.Services.GetRequiredService<CourseCatalog>().Find(chosen.Course.Id);
            if (snapshot is null)
            {
                // Only when the course file broke between the two reads.
                error.WriteLine($"error: the course \"{chosen.Course.Id}\" could not be loaded; run `coursebot validate` to see why");
                return CommonOptions.ConfigurationError;
            }

            var reply = await bot.Services.GetRequiredService<AnnounceNow>().AnnounceAsync(snapshot, query, cancellationToken);
            output.Write(PlainTextRenderer.Render(reply));
            return reply.IsError ? 1 : 0;
        });
        return command;
    }
}
