using CourseBot.Bot.Tests.Running;
using CourseBot.Core.Commands;
using CourseBot.Core.Leads;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Tests.Leads;

/// <summary>Response reminders in a channel when leads are exempt from responses.</summary>
public sealed class PostsReminderTests
{
    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void A_channel_reminder_says_the_leads_of_the_class_are_exempt_only_when_they_are(bool exempt, bool said)
    {
        var course = PostingBot.Course(d => d with { Leads = new LeadsPolicy { ExemptFromResponses = exempt } });
        var week = course.Calendar.Weeks.First(w => w.Start == new DateOnly(2025, 9, 8));

        var text = PlainTextRenderer.Render(Announcements.Reminder(course, week, week.Meetings[0]));

        Assert.Equal(said, text.Contains("(leads of this class are exempt)", StringComparison.Ordinal));
    }
}
