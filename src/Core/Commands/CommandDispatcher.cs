using CourseBot.Core.Questions;
using CourseBot.Core.Replies;

namespace CourseBot.Core.Commands;

/// <summary>
/// Answers a student's command from a course snapshot, from memory only (no I/O), so every platform
/// can reply within its deadline. Admin commands that act (posting, reloading) belong to the host.
/// </summary>
public static class CommandDispatcher
{
    public static Reply Answer(string text, CourseSnapshot course, DateTimeOffset now) =>
        Answer(CommandParser.Parse(text), course, now);

    /// <param name="names">How the asking platform spells its commands in help; the slash-per-command spelling when null.</param>
    public static Reply Answer(CourseCommand command, CourseSnapshot course, DateTimeOffset now, CommandNames? names = null) => command switch
    {
        CourseCommand.Reading reading => WeekReplies.Answer(course, WeekResolver.Resolve(reading.Week, course.Calendar, now), requiredOnly: false),
        CourseCommand.Required required => WeekReplies.Answer(course, WeekResolver.Resolve(required.Week, course.Calendar, now), requiredOnly: true),
        CourseCommand.Paper paper => PaperReplies.Paper(course, paper.Query),
        CourseCommand.Search search => PaperReplies.Search(course, search.Words),
        CourseCommand.Schedule => ScheduleReply.Create(course, now, names),
        CourseCommand.Help => HelpReply.Create(course, names: names),
        CourseCommand.Announce announce => Announcements.Preview(course, announce.Week, now),
        CourseCommand.Reload => Reply.Problem("Not here", "Reloading is done by the running bot (/reload in chat, or it reloads by itself when the files change).", course.TimeZone),
        CourseCommand.Lead or CourseCommand.Leads or CourseCommand.LeadMenu => SignupsNotHere(course),
        CourseCommand.Calendar => CalendarReply.NotHere(course),
        CourseCommand.Unknown unknown => HelpReply.Create(course, unknown.Name, names),
        CourseCommand.Question question => QuestionReplies.Answer(question.Text, course, now, names),
        _ => throw new ArgumentOutOfRangeException(nameof(command)),
    };

    /// <summary>
    /// Whether the command reads or changes discussion-lead sign-ups, which live in the host's store: the host
    /// answers these (as it does /announce and /reload); <see cref="Answer(CourseCommand, CourseSnapshot, DateTimeOffset, CommandNames?)"/> only says so.
    /// </summary>
    public static bool UsesSignups(CourseCommand command) => command is CourseCommand.Lead or CourseCommand.Leads or CourseCommand.LeadMenu;

    private static Reply SignupsNotHere(CourseSnapshot course) => course.Course.Leads is null
        ? Reply.Problem("No sign-ups", "This course has no discussion-lead sign-ups (its course file has no leads: section).", course.TimeZone)
        : Reply.Problem("Not here", "Sign-ups are kept by the running bot: use /lead and /leads in the course's chat, or coursebot leads on the command line.", course.TimeZone);

    /// <summary>
    /// Whether the answer to <paramref name="command"/> can change with the time of asking ("this week",
    /// the schedule's current-week mark, previews). Answers that cannot may be reused for as long as the
    /// course itself is unchanged.
    /// </summary>
    public static bool DependsOnTime(CourseCommand command) => command switch
    {
        CourseCommand.Reading { Week: WeekQuery.Numbered or WeekQuery.Named } => false,
        CourseCommand.Required { Week: WeekQuery.Numbered or WeekQuery.Named } => false,
        CourseCommand.Paper or CourseCommand.Search or CourseCommand.Help or CourseCommand.Unknown => false,
        // A question may name "tomorrow" or "next week" in words the command form does not show.
        CourseCommand.Question => true,
        // Sign-ups change with every claim: never reuse an answer.
        CourseCommand.Lead or CourseCommand.Leads or CourseCommand.LeadMenu => true,
        // The links hold the asker's own token: never reuse an answer.
        CourseCommand.Calendar => true,
        _ => true,
    };
}
