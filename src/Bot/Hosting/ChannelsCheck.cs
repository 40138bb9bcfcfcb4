using CourseBot.Bot.Delivery;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Hosting;

/// <summary>
/// Says at start-up when a platform is connected but a course names no channel on it: its posts would
/// otherwise go nowhere without a word.
/// </summary>
public sealed partial class ChannelsCheck(CourseCatalog catalog, IEnumerable<IPostDelivery<Reply>> deliveries, ILogger<ChannelsCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var platform in deliveries.Select(d => d.Platform).Where(p => p != PostTargets.LocalPlatform))
        {
            foreach (var course in catalog.Courses)
            {
                var channels = platform == "discord" ? course.Course.Channels.Discord : course.Course.Channels.Slack;
                if (channels.Count == 0)
                {
                    LogNoChannel(course.Course.Id, platform);
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Course {Course} names no {Platform} channel, so its announcements and reminders are not posted there; add the channel id under channels.{Platform} in its course file")]
    private partial void LogNoChannel(string course, string platform);
}
