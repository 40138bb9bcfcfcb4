using CourseBot.Bot.Calendar;
using CourseBot.Bot.Delivery;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Leads;
using CourseBot.Core;
using CourseBot.Core.Commands;
using CourseBot.Core.Leads;
using CourseBot.Core.Questions;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Conversation;

/// <summary>
/// Answers commands for every platform: student commands from the course snapshot in memory, admin
/// commands by posting through the ledger or reloading the sources.
/// </summary>
public sealed class CourseConversation(
    CourseCatalog catalog,
    AnnounceNow announcer,
    CourseRefreshService refresher,
    LeadDesk desk,
    CalendarLinks calendarLinks,
    TimeProvider time) : ICourseConversation
{
    /// <summary>Posting, reloading and sign-ups (a database round trip) do I/O; the rest is answered from memory.</summary>
    public bool MayTakeLong(CourseCommand command) =>
        command is CourseCommand.Reload or CourseCommand.Announce { Preview: false } || CommandDispatcher.UsesSignups(command);

    public async Task<Reply> AnswerAsync(CommandContext context, CourseCommand command, CancellationToken cancellationToken)
    {
        var course = CourseFor(context);
        if (course is null)
        {
            return Reply.Problem("No course here", "This channel is not linked to a course, and the bot serves several. Ask in a course channel.", TimeZoneInfo.Utc);
        }

        switch (command)
        {
            case CourseCommand.Announce { Preview: false } announce when context.IsAdmin:
                return await announcer.AnnounceAsync(course, announce.Week, cancellationToken);
            case CourseCommand.Reload when context.IsAdmin:
                await refresher.RefreshAsync(cancellationToken);
                return ReloadReply(CourseFor(context) ?? course);
            case CourseCommand.Lead or CourseCommand.Leads or CourseCommand.LeadMenu:
                return await desk.AnswerAsync(course, Student(context), context.IsAdmin, command, cancellationToken);
            case CourseCommand.Calendar calendar:
                return await calendarLinks.AnswerAsync(course, Student(context), calendar.NewAddress, cancellationToken);
            case CourseCommand.Question question:
                return await AnswerQuestionAsync(context, course, question, cancellationToken);
            case CourseCommand.Announce { Preview: false } or CourseCommand.Reload:
                return Reply.Problem("Not allowed", "Only course admins can post announcements or reload the reading list.", course.TimeZone);
            default:
                return CommandDispatcher.Answer(command, course, time.GetUtcNow(), CommandNames.For(context.Platform));
        }
    }

    /// <summary>
    /// A plain question, read once. "who leads HybridFlow" is answered by the desk as a student's /leads (the
    /// sign-ups are in the store, not the snapshot); every other question from the snapshot.
    /// </summary>
    private async Task<Reply> AnswerQuestionAsync(CommandContext context, CourseSnapshot course, CourseCommand.Question question, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var reading = QuestionReader.Read(question.Text, course, now);
        return reading is { Kind: QuestionKind.Leads, Command: { } leads } && course.Course.Leads is not null
            ? QuestionReplies.WithReadAs(await desk.AnswerAsync(course, Student(context), isStaff: false, leads, cancellationToken), reading)
            : QuestionReplies.Answer(reading, course, now, CommandNames.For(context.Platform));
    }

    public IReadOnlyList<Choice> CompleteWeek(CommandContext context, string typed)
    {
        var course = CourseFor(context);
        if (course is null)
        {
            return [];
        }

        return course.Calendar.Weeks
            .Where(w => w.Number is not null)
            .Select(w => new Choice(WeekLabels.Title(w), w.Number!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Where(c => typed.Length == 0 || c.Name.Contains(typed, StringComparison.OrdinalIgnoreCase) || c.Value == typed.Trim())
            .Take(25)
            .ToArray();
    }

    public IReadOnlyList<Choice> CompletePaper(CommandContext context, string typed) =>
        CourseFor(context) is { } course
            ? course.Search.Complete(typed, 25).Select(m => new Choice(m.Paper.Title ?? m.Paper.Key, m.Paper.Key)).ToArray()
            : [];

    public async Task<IReadOnlyList<Choice>> CompleteLeadPaperAsync(CommandContext context, string typed, CancellationToken cancellationToken) =>
        CourseFor(context) is { } course ? await desk.CompleteAsync(course, typed, cancellationToken) : [];

    public CourseSnapshot? ReusableAnswerVersion(CommandContext context, CourseCommand command) =>
        CommandDispatcher.DependsOnTime(command) ? null : CourseFor(context);

    public CourseCommand Pin(CommandContext context, CourseCommand command) => command switch
    {
        CourseCommand.Reading { Week: null or WeekQuery.ThisWeek or WeekQuery.NextWeek or WeekQuery.LastWeek } reading => PinWeek(context, reading.Week) is { } week ? reading with { Week = week } : command,
        CourseCommand.Required { Week: null or WeekQuery.ThisWeek or WeekQuery.NextWeek or WeekQuery.LastWeek } required => PinWeek(context, required.Week) is { } week ? required with { Week = week } : command,
        _ => command,
    };

    public bool RepliesArePrivate(CommandContext context) => CourseFor(context)?.Course.StudentRepliesEphemeral ?? true;

    public bool AnswersQuestions(CommandContext context, bool direct) => CourseFor(context) is { } course
        ? course.Course.AnswerMentions
        : direct && catalog.Courses.Any(c => c.Course.AnswerMentions);

    /// <summary>The numbered week a relative week means now; null when it means none (outside the term, an unnumbered week).</summary>
    private WeekQuery.Numbered? PinWeek(CommandContext context, WeekQuery? week) =>
        CourseFor(context) is { } course && WeekResolver.Resolve(week, course.Calendar, time.GetUtcNow()) is WeekAnswer.Found { Week.Number: { } number }
            ? new WeekQuery.Numbered(number)
            : null;

    /// <summary>Who signs up: the platform's user; the local console is the CLI's "console" student.</summary>
    private static LeadStudent Student(CommandContext context)
    {
        var platform = context.Platform == PostTargets.LocalPlatform ? LeadDeskSetup.ConsolePlatform : context.Platform;
        return new LeadStudent(platform, context.UserId, context.DisplayName ?? context.UserId);
    }

    /// <summary>The course whose channel this is; else the only course; else none.</summary>
    private CourseSnapshot? CourseFor(CommandContext context)
    {
        if (context.ChannelId is { } channel)
        {
            var owner = catalog.Courses.FirstOrDefault(c => c.Course.Channels.Discord.Contains(channel) || c.Course.Channels.Slack.Contains(channel));
            if (owner is not null)
            {
                return owner;
            }
        }

        return catalog.FindOrSingle(null);
    }

    private Reply ReloadReply(CourseSnapshot course)
    {
        var status = catalog.Statuses.First(s => s.Snapshot.Course.Id == course.Course.Id);
        var text = status.RejectedProblem is { } problem
            ? $"Still serving version {status.Version}: the new version was refused ({problem})."
            : $"Serving version {status.Version}: {Counted.Of(course.ReadingList.Readings.Count, "reading")}, {Counted.Of(status.Errors, "error")}, {Counted.Of(status.Warnings, "warning")}.";
        return new Reply("Reading list reloaded", [new ReplyBlock.Paragraph(new Span.Text(text))], course.TimeZone);
    }
}
