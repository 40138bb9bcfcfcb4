using CourseBot.Core.Replies;

namespace CourseBot.Core.Commands;

/// <summary>/help: what the bot can do, with examples students can copy.</summary>
public static class HelpReply
{
    private static readonly (string Command, string What)[] Lines =
    [
        ("/reading [week]", "this week's topic, dates and papers; also \"week 3\", \"next week\", or a topic such as \"serving\""),
        ("/required [week]", "only the required papers"),
        ("/paper <query>", "one paper: by key, title words, system name (\"DistServe\"), author or venue"),
        ("/search <words>", "the best matching papers"),
        ("/schedule", "the whole term, week by week"),
        ("/help", "this message"),
    ];

    public static Reply Create(CourseSnapshot course, string? unknownCommand = null)
    {
        var blocks = new List<ReplyBlock>();
        if (unknownCommand is not null)
        {
            blocks.Add(new ReplyBlock.Paragraph(new Span.Text($"I don't know \"{unknownCommand}\". Here is what I can do:")));
        }

        blocks.AddRange(Lines.Select(line => new ReplyBlock.Paragraph(new Span.Text(line.Command, Bold: true), new Span.Text(" — " + line.What))));
        blocks.Add(new ReplyBlock.Paragraph(new Span.Text("Admins: /announce [week] [preview] posts or previews a week's announcement; /reload reloads the reading list.")));
        return new Reply($"CourseBot · {course.Course.Name}", blocks, course.TimeZone, IsError: unknownCommand is not null);
    }
}
