using CourseBot.Core;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Delivery;

/// <summary>
/// Where a course's posts go: its configured channels on each platform the bot is connected to. The
/// local console adapter has one channel, "console", and is used when no platform is configured.
/// </summary>
public sealed class PostTargets(IEnumerable<IPostDelivery<Reply>> deliveries)
{
    public const string LocalPlatform = "local";
    public const string ConsoleChannel = "console";

    private readonly HashSet<string> _platforms = deliveries.Select(d => d.Platform).ToHashSet(StringComparer.Ordinal);

    public IReadOnlyList<PostTarget> For(CourseSnapshot course)
    {
        var targets = new List<PostTarget>();
        if (_platforms.Contains("discord"))
        {
            targets.AddRange(course.Course.Channels.Discord.Select(c => new PostTarget("discord", c)));
        }

        if (_platforms.Contains("slack"))
        {
            targets.AddRange(course.Course.Channels.Slack.Select(c => new PostTarget("slack", c)));
        }

        if (_platforms.Contains(LocalPlatform))
        {
            targets.Add(new PostTarget(LocalPlatform, ConsoleChannel));
        }

        return targets;
    }
}
