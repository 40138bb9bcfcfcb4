using CourseBot.Bot.Scheduling;
using CourseBot.Bot.Tests.Running;
using CourseBot.Core.Calendar;
using CourseBot.Core.ReadingList;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Tests.Scheduling;

/// <summary>A response reminder belongs to one class meeting and names that class's papers.</summary>
public sealed class ReminderComposeTests
{
    private static readonly SourceLocation Plan = new("cs395t.yaml", 1, 1);

    [Fact]
    public void The_thursday_reminder_names_thursdays_papers_and_not_tuesdays()
    {
        var course = PostingBot.Course(d => d with { Plan = [new PlanEntry("LLM Post-Training for Alignment", [], null, 1, 3, Plan)] });
        var thursday = PostPlanner.Plan(course).Single(p => p.Kind == PostKinds.Reminder && p.Slot == "2025-09-10T23:00Z-180m");

        var reply = PostPlanner.Compose(course, thursday)!;

        Assert.Equal(["areal-arxiv25", "asyncrlhf-iclr25"], reply.PaperItems.Select(p => p.Paper.Key).ToArray());
        Assert.Contains("Thu Sep 11, 12:30 (AReaL, Asynchronous RLHF)", PlainTextRenderer.Render(reply), StringComparison.Ordinal);
    }

    [Fact]
    public void A_class_the_plan_gives_no_papers_gets_no_reminder()
    {
        var course = PostingBot.Course(d => d with
        {
            Plan = [new PlanEntry("LLM Post-Training for Alignment", [], null, 1, 3, Plan)
            {
                Classes = [new PlannedClass([], Plan), new PlannedClass([new PlannedPaper("areal-arxiv25", Plan)], Plan)],
            }],
        });

        var reminders = PostPlanner.Plan(course).Where(p => p.Kind == PostKinds.Reminder).ToArray();

        var reminder = Assert.Single(reminders);
        Assert.Equal("2025-09-10T23:00Z-180m", reminder.Slot);
        Assert.Contains("areal-arxiv25", PostPlanner.Compose(course, reminder)!.PaperItems.Select(p => p.Paper.Key));
    }
}
