using System.Globalization;
using CourseBot.Bot.Slack;

namespace CourseBot.Bot.Discord.Interactions;

/// <summary>
/// Refuses replays of validly signed interactions: a signature proves Discord sent the bytes once, not
/// that they are new. The signed <c>X-Signature-Timestamp</c> must be within <see cref="Window"/> of now
/// (either way, as Slack's check), and an interaction id is answered only the first time it arrives.
/// </summary>
public sealed class InteractionReplayGuard(TimeProvider time)
{
    /// <summary>The same five minutes Slack allows; Discord sends interactions within milliseconds.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private readonly RecentIds _answered = new();

    /// <summary>True when the timestamp (Unix seconds) is within <see cref="Window"/> of now.</summary>
    public bool IsFresh(string? timestamp)
    {
        // Compared as whole seconds, so no value (however large) can overflow a date.
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        return seconds >= now - (long)Window.TotalSeconds && seconds - now <= (long)Window.TotalSeconds;
    }

    /// <summary>True the first time this interaction id is seen (among the last <see cref="RecentIds.Capacity"/>).</summary>
    public bool FirstTime(string interactionId) => _answered.FirstTime(interactionId);
}
