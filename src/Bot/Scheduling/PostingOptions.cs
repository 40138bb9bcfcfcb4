using CourseBot.Bot.Hosting;

namespace CourseBot.Bot.Scheduling;

/// <summary>How scheduled posts behave (configuration section "Posting"); checked by <see cref="PostingOptionsValidator"/>.</summary>
public sealed class PostingOptions : ISettingsSection
{
    public const string Section = "Posting";

    /// <summary>A post missed while the bot was down still goes out this long after its time; later it is skipped and logged.</summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How long to wait before trying a post again after the platform refused it for now (rate limit, outage).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How often the bot checks that every post due (within the grace period) went out, and sends those a
    /// storage fault kept back (see <see cref="PostReconciler"/>). Also how long a due post is left to its
    /// trigger before the check sends it.
    /// </summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long the "what changed" notice waits after an edit of a course: every edit within this time of the
    /// first gives one notice covering them all.
    /// </summary>
    public TimeSpan ChangeNoticeDelay { get; set; } = TimeSpan.FromMinutes(2);

    public void ReadFrom(SettingValues values)
    {
        GracePeriod = values.Duration(nameof(GracePeriod), GracePeriod);
        RetryDelay = values.Duration(nameof(RetryDelay), RetryDelay);
        ReconcileInterval = values.Duration(nameof(ReconcileInterval), ReconcileInterval);
        ChangeNoticeDelay = values.Duration(nameof(ChangeNoticeDelay), ChangeNoticeDelay);
    }
}
