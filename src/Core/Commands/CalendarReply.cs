using CourseBot.Core.Replies;

namespace CourseBot.Core.Commands;

/// <summary>
/// /calendar: the course feed's address, the asker's own feed's address (a course with discussion leads), and how
/// to subscribe in Google Calendar, Apple Calendar and Outlook. Said privately: the personal address is a secret.
/// </summary>
public static class CalendarReply
{
    /// <summary>The setting that holds the bot's public address, as an environment variable.</summary>
    public const string BaseUrlSetting = "Http__PublicBaseUrl";

    /// <param name="courseFeed">https://…/calendar/{courseId}.ics.</param>
    /// <param name="personalFeed">https://…/calendar/{courseId}/{token}.ics; null for a course without leads.</param>
    /// <param name="renewed">The personal address was just made anew ("/calendar new"): the old one no longer works.</param>
    public static Reply Links(CourseSnapshot course, Uri courseFeed, Uri? personalFeed, bool renewed = false)
    {
        var blocks = new List<ReplyBlock>
        {
            new ReplyBlock.Paragraph(
                new Span.Text("Course calendar", Bold: true),
                new Span.Text(" (every class with its papers" + (personalFeed is null ? "" : " and its leads") + ", reading-response deadlines, holidays): "),
                new Span.Link(courseFeed.AbsoluteUri, courseFeed.AbsoluteUri)),
        };
        if (personalFeed is not null)
        {
            blocks.Add(new ReplyBlock.Paragraph(
                new Span.Text("Your calendar", Bold: true),
                new Span.Text(" (the classes you lead, with the paper, and your slides deadlines): "),
                new Span.Link(personalFeed.AbsoluteUri, personalFeed.AbsoluteUri)));
            blocks.Add(new ReplyBlock.Paragraph(new Span.Text(
                (renewed ? "This is a new address: the old one no longer works (subscribe again with this one). " : "")
                + "This address is yours alone: whoever has it sees your sign-ups, so don't share it (/calendar new makes a new one). "
                + "Subscribe to both: yours holds only your own events.")));
        }

        blocks.Add(new ReplyBlock.Paragraph(new Span.Text("Subscribe (not import), so your calendar follows every change:", Bold: true)));
        blocks.Add(new ReplyBlock.Paragraph(new Span.Text("Google Calendar: Other calendars + → From URL, paste the address, Add calendar.")));
        blocks.Add(new ReplyBlock.Paragraph(new Span.Text("Apple Calendar: File → New Calendar Subscription, paste the address.")));
        blocks.Add(new ReplyBlock.Paragraph(new Span.Text("Outlook: Add calendar → Subscribe from web, paste the address.")));
        var webcal = Webcal(courseFeed);
        blocks.Add(new ReplyBlock.Paragraph(
            new Span.Text("Or open the webcal:// address, which your calendar app subscribes to directly: "),
            new Span.Text(personalFeed is null ? webcal : $"{webcal} (yours: {Webcal(personalFeed)})")));
        return new Reply($"Calendar · {course.Course.Name}", blocks, course.TimeZone);
    }

    /// <summary>The answer when the bot has no public address: the links cannot be given, and how to set it up.</summary>
    public static Reply NoAddress(CourseSnapshot course) => Reply.Problem(
        "No calendar address yet",
        $"The calendar feed needs the bot's public address, which is not set: whoever runs the bot sets {BaseUrlSetting} to the address students reach it at "
        + $"(e.g. https://bot.example.edu/), and /calendar then gives the links. Meanwhile coursebot calendar --course {course.Course.Id} --output term.ics writes the term as a file to import.",
        course.TimeZone);

    /// <summary>Outside the running bot (the CLI's ask): no address and no tokens here.</summary>
    public static Reply NotHere(CourseSnapshot course) => Reply.Problem(
        "Not here",
        $"The calendar links are given by the running bot (/calendar in the course's chat); coursebot calendar --course {course.Course.Id} --output term.ics writes the term as a file.",
        course.TimeZone);

    /// <summary>The same address as <c>webcal://</c>, which calendar apps open as a subscription.</summary>
    public static string Webcal(Uri feed) => "webcal://" + feed.AbsoluteUri[(feed.Scheme.Length + "://".Length)..];
}
