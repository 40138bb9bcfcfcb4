using CourseBot.Bot.Scheduling;
using CourseBot.Core;
using CourseBot.Core.Commands;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Delivery;

/// <summary>
/// Posts a week's announcement now (admin <c>/announce</c>, <c>coursebot announce</c>), through the same
/// ledger as scheduled posts: an announcement that already went out is not posted twice.
/// </summary>
public sealed class AnnounceNow(PostTargets targets, PostSender<Reply> sender, TimeProvider time)
{
    public async Task<Reply> AnnounceAsync(CourseSnapshot course, WeekQuery? week, CancellationToken cancellationToken)
    {
        var answer = WeekResolver.Resolve(week, course.Calendar, time.GetUtcNow());
        if (answer is not WeekAnswer.Found found)
        {
            return WeekReplies.Answer(course, answer, requiredOnly: false);
        }

        var post = PostPlanner.Plan(course).FirstOrDefault(p => p.Week.Start == found.Week.Start && p.Kind != PostKinds.Reminder);
        var reply = post is null ? null : PostPlanner.Compose(course, post);
        if (post is null || reply is null)
        {
            return Reply.Problem($"Nothing to post for {WeekLabels.Title(found.Week)}", "That week has no readings, so there is no announcement.", course.TimeZone);
        }

        var lines = new List<ReplyBlock>();
        foreach (var target in targets.For(course))
        {
            var outcome = await sender.SendAsync(new PostKey(course.Course.Id, post.Slot, post.Kind, target.Platform, target.Channel), reply, cancellationToken);
            lines.Add(new ReplyBlock.Paragraph(new Span.Text($"{target.Platform} {target.Channel}: {Describe(outcome)}")));
        }

        if (lines.Count == 0)
        {
            lines.Add(new ReplyBlock.Paragraph(new Span.Text("No channel is configured for this course, so nothing was posted.")));
        }

        return new Reply($"Announcement · {WeekLabels.Title(found.Week)}", lines, course.TimeZone);
    }

    private static string Describe(PostOutcome outcome) => outcome switch
    {
        PostOutcome.Sent or PostOutcome.Recovered => "posted",
        PostOutcome.AlreadySent => "already posted earlier (not sent again)",
        PostOutcome.InProgress => "being posted by another copy of the bot",
        PostOutcome.Skipped => "skipped earlier (it was missed while the bot was down)",
        PostOutcome.RetryableFailure => "the platform refused for now; try again later",
        _ => "the platform refused it (see the log)",
    };
}
