using System.Globalization;
using CourseBot.Bot.Delivery;
using CourseBot.Bot.Scheduling;
using CourseBot.Core;
using CourseBot.Core.Leads;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Leads;

/// <summary>
/// Reminds each lead of their class at the course's <c>leads.reminders</c> lead times: "You lead *AReaL* on Thu Sep 11,
/// 12:30; slides are due Wed Sep 10, 17:00", privately (<see cref="PrivateNotices"/>: a DM, else one mention), once
/// per (lead, paper, class, lead time) across restarts and copies of the bot.
/// <para>
/// Run by <see cref="RosterUpkeep"/>'s pass rather than as Quartz planned posts: who is reminded is only known from the
/// sign-ups when the reminder is due (they change at any time), and the pass already reads them, wakes at the instants
/// things fall due, runs on every copy (the ledger decides once) and catches up every interval after a restart or a
/// storage fault. A planned post would need the reconciler and edit rounds taught about per-student keys.
/// </para>
/// </summary>
public sealed partial class LeadReminders(
    ILeadStore store,
    PrivateNotices notices,
    IPostingLedger ledger,
    IOptions<PostingOptions> options,
    TimeProvider time,
    ILogger<LeadReminders> logger)
{
    /// <summary>Every reminder a course's sign-ups call for, in due order: one per leadable paper and lead time.</summary>
    public static IReadOnlyList<LeadReminder> Plan(CourseSnapshot course)
    {
        if (LeadCatalog.For(course) is not { } catalog)
        {
            return [];
        }

        return catalog.Papers
            .SelectMany(paper => catalog.Policy.Reminders.Distinct().Select(lead => new LeadReminder(paper, lead, paper.Class.Start - lead)))
            .OrderBy(r => r.Due)
            .ToArray();
    }

    /// <summary>
    /// Sends every reminder that is due to the paper's leads as they are now: a lead who dropped is not reminded, one
    /// who signed up after a reminder's time gets none for that time (nor a waitlisted student). A reminder more than the
    /// grace period late is recorded as skipped. Returns when to try again when a platform said "later" or another
    /// copy was mid-way; null when nothing is owed.
    /// </summary>
    public async Task<TimeSpan?> EnsureAsync(CourseSnapshot course, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var due = Plan(course).Where(r => r.Due <= now).ToArray();
        if (due.Length == 0 || LeadCatalog.For(course) is not { } catalog)
        {
            return null;
        }

        var courseId = course.Course.Id;
        var leads = (await store.ListAsync(courseId, ct)).Where(s => s.WaitlistPosition is null).ToArray();
        if (leads.Length == 0)
        {
            return null;
        }

        // What the ledger already settled: no second DM attempt, no second look, on every pass.
        var settled = (await ledger.ListAsync(courseId, ct))
            .Where(r => r.Key.Kind == PostKinds.LeadReminder && r.State is PostState.Sent or PostState.Skipped)
            .Select(r => r.Key)
            .ToHashSet();
        var channels = course.Course.Channels;
        var grace = options.Value.GracePeriod;
        TimeSpan? retry = null;
        foreach (var reminder in due)
        {
            var slot = Slot(reminder);
            foreach (var lead in leads.Where(s => string.Equals(s.PaperKey, reminder.Paper.Key, StringComparison.OrdinalIgnoreCase) && s.SignedUpAt <= reminder.Due))
            {
                var student = lead.Student;
                if (settled.Contains(PrivatePost.Key(courseId, slot, PostKinds.LeadReminder, student))
                    || channels.Discord.Concat(channels.Slack).Any(c => settled.Contains(PrivatePost.MentionKey(courseId, slot, PostKinds.LeadReminder, student, c))))
                {
                    continue;
                }

                var late = now - reminder.Due;
                if (late > grace)
                {
                    if (await notices.SkipAsync(courseId, PostKinds.LeadReminder, slot, student, $"{late:g} late, beyond the grace period of {grace:g}", ct))
                    {
                        LogSkipped(courseId, slot, student.Platform, student.UserId, late);
                    }

                    continue;
                }

                var outcome = await notices.TellAsync(course, PostKinds.LeadReminder, slot, student, LeadRoster.Reminder(catalog, reminder.Paper), ct);
                if (outcome is PostOutcome.RetryableFailure or PostOutcome.InProgress && late < grace)
                {
                    retry = options.Value.RetryDelay;
                }
            }
        }

        return retry;
    }

    /// <summary>
    /// "2025-09-11T17:30Z/areal/2880m": the class (UTC start), the paper and the lead time. The class is part of it so a
    /// paper moved to another class is reminded of the new one; a lead's reminder is keyed by the user in the channel.
    /// </summary>
    public static string Slot(LeadReminder reminder) =>
        $"{reminder.Paper.Class.Start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm'Z'", CultureInfo.InvariantCulture)}/{reminder.Paper.Key}/{(int)reminder.LeadTime.TotalMinutes}m";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Course {CourseId}: skipped lead reminder {Slot} for {Platform} user {UserId}: the bot was down when it was due ({Late} late, beyond the grace period)")]
    private partial void LogSkipped(string courseId, string slot, string platform, string userId, TimeSpan late);
}

/// <summary>One reminder of a paper's leads: <paramref name="LeadTime"/> before its class, at <paramref name="Due"/>.</summary>
public sealed record LeadReminder(LeadablePaper Paper, TimeSpan LeadTime, DateTimeOffset Due);
