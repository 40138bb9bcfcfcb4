using CourseBot.Core.Replies;

namespace CourseBot.Core.Commands;

/// <summary>/help: what the bot can do, with examples students can copy.</summary>
public static class HelpReply
{
    /// <summary>The lines of help, in the spelling of <paramref name="names"/>.</summary>
    private static (string Command, string What)[] Lines(CommandNames names) =>
    [
        ($"{names.Reading} [week]", "this week's topic, dates and papers; also \"week 3\", \"next week\", or a topic such as \"serving\""),
        ($"{names.Required} [week]", "only the required papers"),
        ($"{names.Paper} <query>", "one paper: by key, title words, system name (\"DistServe\"), author or venue"),
        ($"{names.Search} <words>", "the best matching papers"),
        (names.Schedule, "the whole term, week by week"),
        (names.Calendar, "subscribe to the term in Google Calendar, Apple Calendar or Outlook (with discussion leads, also to your own)"),
        (names.Help, "this message"),
    ];

    /// <summary>The sign-up lines, for a course with a <c>leads:</c> section.</summary>
    private static (string Command, string What)[] LeadLines(CommandNames names) =>
    [
        ($"{names.Lead} <paper>", "sign up to lead a paper's discussion (key or title words); " + $"{names.Lead} drop [paper] withdraws"),
        ($"{names.Leads} [week]", "who leads which paper, per class, and the free slots"),
        ($"{names.Leads} mine", "your own sign-ups: each paper's class, when slides are due, your waitlist places"),
    ];

    public static Reply Create(CourseSnapshot course, string? unknownCommand = null, CommandNames? names = null)
    {
        names ??= CommandNames.Default;
        var blocks = new List<ReplyBlock>();
        if (unknownCommand is not null)
        {
            blocks.Add(new ReplyBlock.Paragraph(new Span.Text($"I don't know \"{unknownCommand}\". Here is what I can do:")));
        }

        blocks.AddRange(Lines(names).Concat(course.Course.Leads is null ? [] : LeadLines(names)).Select(line => new ReplyBlock.Paragraph(new Span.Text(line.Command, Bold: true), new Span.Text(" — " + line.What))));
        blocks.Add(new ReplyBlock.Paragraph(new Span.Text($"Admins: {names.Announce} [week] [preview] posts or previews a week's announcement; {names.Reload} reloads the reading list.")));
        if (course.Course.Leads is not null)
        {
            blocks.Add(new ReplyBlock.Paragraph(new Span.Text($"Staff: {names.Leads} assign|remove <paper> <user> changes the roster; {names.Leads} close|open <week> closes or reopens a week's sign-ups.")));
        }
        return new Reply($"CourseBot · {course.Course.Name}", blocks, course.TimeZone, IsError: unknownCommand is not null);
    }
}
