using CourseBot.Core.Calendar;
using CourseBot.Core.Commands;
using CourseBot.Core.Replies;
using CourseBot.Core.Search;

namespace CourseBot.Core.Questions;

/// <summary>
/// Answers a question as read by <see cref="QuestionReader"/>, through the same replies as the commands
/// (a week, a paper, the schedule), with a direct first line where the question wants one ("Yes — …")
/// and a last line saying how the question was read.
/// </summary>
public static class QuestionReplies
{
    public static Reply Answer(string question, CourseSnapshot course, DateTimeOffset now, CommandNames? names = null) =>
        Answer(QuestionReader.Read(question, course, now), course, now, names);

    public static Reply Answer(QuestionReading reading, CourseSnapshot course, DateTimeOffset now, CommandNames? names = null) =>
        WithReadAs(Body(reading, course, now, names), reading);

    /// <summary>The reply with how the question was read, as a last line and as <see cref="Reply.ReadAs"/>.</summary>
    public static Reply WithReadAs(Reply reply, QuestionReading reading) =>
        reply with
        {
            Blocks = [.. reply.Blocks, new ReplyBlock.Paragraph(new Span.Text("Read as: ", Bold: true), new Span.Text(reading.ReadAs))],
            ReadAs = reading.ReadAs,
        };

    private static Reply Body(QuestionReading reading, CourseSnapshot course, DateTimeOffset now, CommandNames? names)
    {
        var zone = course.TimeZone;
        return reading.Kind switch
        {
            QuestionKind.Command => CommandDispatcher.Answer(reading.Command!, course, now, names),
            QuestionKind.WeekPapers => WeekPapers(course, reading),
            QuestionKind.WeekTopic => reading.Day is { } day && reading.Week is WeekAnswer.Found { Week: var week } && ClassAnswers.Papers(course, week, day, PaperScope.All) is { } classReply
                ? classReply
                : WeekTopic(course, reading.Week!),
            QuestionKind.NextDeadline => NextDeadline(course, now),
            QuestionKind.WeekDeadlines => WeekDeadlines(course, reading.Week!),
            QuestionKind.DayDeadlines => DayDeadlines(course, reading.Day!.Value, now),
            QuestionKind.PaperWhen or QuestionKind.PaperRequired or QuestionKind.PaperAuthors or QuestionKind.PaperVenue
                or QuestionKind.PaperLink or QuestionKind.PaperTopic or QuestionKind.PaperDetails => Paper(course, reading.Kind, reading.Paper!),
            QuestionKind.PaperNotFound => PaperReplies.Paper(course, reading.Unmatched ?? ""),
            QuestionKind.ClassOnDay => ClassOnDay(course, reading.Day!.Value),
            QuestionKind.ClassTimes => ClassTimes(course, now),
            QuestionKind.Holidays => Holidays(course),
            QuestionKind.Schedule => ScheduleReply.Create(course, now),
            QuestionKind.Leads when reading.Command is { } leads => CommandDispatcher.Answer(leads, course, now, names),
            QuestionKind.Leads => Reply.Problem(
                "Discussion leads",
                "This course has no discussion-lead sign-ups in CourseBot, so I can't say who leads what. Ask the course staff, or check the course page.",
                zone),
            QuestionKind.Help => HelpReply.Create(course, names: names),
            QuestionKind.AskBack => new Reply(
                "Which one do you mean?",
                [
                    new ReplyBlock.Paragraph(new Span.Text("Your question fits more than one answer. Ask again with one of these:")),
                    .. reading.Choices.Select(c => new ReplyBlock.Paragraph(new Span.Text("• " + c))),
                ],
                zone,
                IsError: true),
            _ => new Reply(
                "I can answer questions about the course",
                [new ReplyBlock.Paragraph(new Span.Text(
                    "I couldn't read that as a question about the course. Try \"which papers are required this week?\", \"when do we read DistServe?\", \"what's due tomorrow?\", \"is there class Thursday?\", or /help."))],
                zone,
                IsError: true),
        };
    }

    private static Reply WeekPapers(CourseSnapshot course, QuestionReading reading)
    {
        var answer = reading.Week!;
        if (answer is not WeekAnswer.Found { Week: var week })
        {
            return WeekReplies.Answer(course, answer, reading.Scope == PaperScope.Required);
        }

        if (reading.Day is { } classDay && ClassAnswers.Papers(course, week, classDay, reading.Scope) is { } classReply)
        {
            return classReply;
        }

        var reply = WeekReplies.Week(course, week, reading.Scope == PaperScope.Required);
        if (reading.Scope == PaperScope.Optional && week.HasReadings)
        {
            var blocks = reply.Blocks.Where(b => b is not ReplyBlock.Papers { Heading: "Required" }).ToList();
            if (!week.Readings.Any(r => !r.IsRequired))
            {
                blocks.Add(new ReplyBlock.Paragraph(new Span.Text($"{WeekLabels.Label(week)} has no optional papers.")));
            }

            reply = reply with { Blocks = blocks };
        }

        return reading.Day is { } day ? reply with { Blocks = [DayLine(course, week, day), .. reply.Blocks] } : reply;
    }

    /// <summary>Papers are assigned by week; a day's line says which class of the week it is, or that there is none.</summary>
    private static ReplyBlock DayLine(CourseSnapshot course, CourseWeek week, DateOnly day)
    {
        var meeting = MeetingOn(course, day);
        return meeting is null
            ? new ReplyBlock.Paragraph(new Span.Text($"No class on {DayReference.Spoken(day)}; here is {WeekLabels.Label(week)}, the week it falls in."))
            : new ReplyBlock.Paragraph(
                new Span.Text("Class "),
                new Span.Moment(meeting.Start, MomentStyle.DateTime),
                new Span.Text($" is in {WeekLabels.Label(week)}; the reading list assigns papers by week."));
    }

    private static Reply WeekTopic(CourseSnapshot course, WeekAnswer answer)
    {
        if (answer is not WeekAnswer.Found { Week: var week })
        {
            return WeekReplies.Answer(course, answer, requiredOnly: false);
        }

        if (week.IsHoliday)
        {
            return WeekReplies.Week(course, week);
        }

        var covers = week.Title is { } title ? $"{WeekLabels.Label(week)} ({WeekLabels.Dates(week)}) covers {title}." : $"{WeekLabels.Label(week)} ({WeekLabels.Dates(week)}) has no readings planned.";
        var reply = WeekReplies.Week(course, week);
        return reply with { Blocks = [new ReplyBlock.Paragraph(new Span.Text(covers)), .. reply.Blocks.Skip(1)] };
    }

    private static IEnumerable<ClassMeeting> DueMeetings(CourseSnapshot course) =>
        course.Calendar.Weeks.SelectMany(w => w.Meetings).Where(m => m.ResponseDue is not null && m.Readings.Count > 0);

    private static Reply NextDeadline(CourseSnapshot course, DateTimeOffset now)
    {
        var next = DueMeetings(course).FirstOrDefault(m => m.ResponseDue > now);
        if (next is null)
        {
            return new Reply("No more reading responses", [new ReplyBlock.Paragraph(new Span.Text("No reading response is due for the rest of the term."))], course.TimeZone);
        }

        return new Reply("Next reading response", [Due(course, next)], course.TimeZone);
    }

    private static ReplyBlock.Paragraph Due(CourseSnapshot course, ClassMeeting meeting)
    {
        var week = course.Calendar.Weeks.First(w => w.Meetings.Contains(meeting));
        return new ReplyBlock.Paragraph(
            new Span.Text("Reading response due "),
            new Span.Moment(meeting.ResponseDue!.Value, MomentStyle.DateTime),
            new Span.Text(", for class "),
            new Span.Moment(meeting.Start, MomentStyle.DateTime),
            new Span.Text($" ({WeekLabels.Title(week)})."));
    }

    private static Reply WeekDeadlines(CourseSnapshot course, WeekAnswer answer)
    {
        if (answer is not WeekAnswer.Found { Week: var week })
        {
            return WeekReplies.Answer(course, answer, requiredOnly: false);
        }

        var due = week.HasReadings ? week.Meetings.Where(m => m.ResponseDue is not null).ToArray() : [];
        var blocks = new List<ReplyBlock> { new ReplyBlock.Paragraph(new Span.Text(WeekLabels.Dates(week))) };
        blocks.AddRange(due.Length > 0
            ? due.Select(m => Due(course, m))
            : [new ReplyBlock.Paragraph(new Span.Text(week.IsHoliday ? $"{week.Holiday}: no class and no responses due." : "No reading responses are due this week."))]);
        return new Reply($"Responses due · {WeekLabels.Title(week)}", blocks, course.TimeZone);
    }

    private static Reply DayDeadlines(CourseSnapshot course, DateOnly day, DateTimeOffset now)
    {
        var due = DueMeetings(course).Where(m => DateOnly.FromDateTime(course.Calendar.ToLocal(m.ResponseDue!.Value).DateTime) == day).ToArray();
        if (due.Length > 0)
        {
            return new Reply($"Yes, a response is due {DayReference.Spoken(day)}", due.Select(m => (ReplyBlock)Due(course, m)).ToArray(), course.TimeZone);
        }

        var blocks = new List<ReplyBlock> { new ReplyBlock.Paragraph(new Span.Text($"No reading response is due on {DayReference.Spoken(day)}.")) };
        var start = course.Calendar.LocalToInstant(day, TimeOnly.MinValue);
        var next = DueMeetings(course).FirstOrDefault(m => m.ResponseDue > (start > now ? start : now));
        if (next is not null)
        {
            blocks.Add(new ReplyBlock.Paragraph(new Span.Text("The next one: ")));
            blocks.Add(Due(course, next));
        }

        return new Reply($"No response due {DayReference.Spoken(day)}", blocks, course.TimeZone);
    }

    private static Reply Paper(CourseSnapshot course, QuestionKind kind, PaperMatch match)
    {
        var item = PaperReplies.Item(course, match);
        var name = QuestionReader.Name(match);
        var paper = match.Paper;
        var reading = match.Readings.Count > 0 ? match.Readings[0] : null;
        var week = QuestionReader.WeekOf(course, match);
        var where = week is null ? "not scheduled in any week" : $"{WeekLabels.Label(week)} ({WeekLabels.Dates(week)}, {week.Title})";
        var topic = reading is null ? null : course.ReadingList.Topics.FirstOrDefault(t => t.Readings.Contains(reading))?.Name;
        Span[] first = kind switch
        {
            QuestionKind.PaperWhen => [new Span.Text($"{name} is read in {where}, {Requirement(reading)}.")],
            QuestionKind.PaperRequired => [new Span.Text(reading is { IsRequired: true }
                ? $"Yes: {name} is required{(reading.Requirement.Label is { } label ? $" (focus: {label})" : "")}, in {where}."
                : $"No: {name} is optional{(reading?.Focus is { Length: > 0 } focus ? $", related reading for {focus}" : "")}, in {where}.")],
            QuestionKind.PaperAuthors => [new Span.Text(paper.Authors is { } authors ? $"{name} is by {authors}." : $"The reading list gives no authors for {name}.")],
            QuestionKind.PaperVenue => [new Span.Text(paper.Venue is { } venue ? $"{name} was published at {venue}." : $"The reading list gives no venue for {name}.")],
            QuestionKind.PaperLink => paper.Url is { } url ? [new Span.Text("Link: "), new Span.Link(paper.Title ?? name, url)] : [new Span.Text($"The reading list gives no link for {name}.")],
            QuestionKind.PaperTopic => [new Span.Text(topic is null ? $"{name} is under no topic." : $"{name} is in the topic {topic}, {where}.")],
            _ => [],
        };
        var blocks = new List<ReplyBlock>();
        if (first.Length > 0)
        {
            blocks.Add(new ReplyBlock.Paragraph(first));
        }

        if (kind == QuestionKind.PaperWhen && ClassAnswers.Discussed(course, reading) is { } discussed)
        {
            blocks.Add(discussed);
        }

        blocks.Add(new ReplyBlock.Papers("Paper", [item]));
        return new Reply(paper.Title ?? name, blocks, course.TimeZone);
    }

    private static string Requirement(ReadingList.Reading? reading) => reading switch
    {
        { IsRequired: true, Requirement.Label: { } label } => $"required (focus: {label})",
        { IsRequired: true } => "required",
        { Focus: { Length: > 0 } focus } => $"optional (related reading for {focus})",
        _ => "optional",
    };

    private static ClassMeeting? MeetingOn(CourseSnapshot course, DateOnly day) =>
        course.Calendar.Weeks.SelectMany(w => w.Meetings).FirstOrDefault(m => DateOnly.FromDateTime(course.Calendar.ToLocal(m.Start).DateTime) == day);

    private static Reply ClassOnDay(CourseSnapshot course, DateOnly day)
    {
        var spoken = DayReference.Spoken(day);
        if (MeetingOn(course, day) is { } meeting)
        {
            var week = course.Calendar.Weeks.First(w => w.Meetings.Contains(meeting));
            return new Reply(
                $"Yes, class on {spoken}",
                [new ReplyBlock.Paragraph(
                    new Span.Text("Class meets "),
                    new Span.Moment(meeting.Start, MomentStyle.DateTime),
                    new Span.Text($"–{course.Calendar.ToLocal(meeting.End):HH:mm} ({WeekLabels.Title(week)})."))],
                course.TimeZone);
        }

        var holiday = course.Course.Holidays.FirstOrDefault(h => h.Covers(day));
        var why = holiday is not null
            ? $"{holiday.Name} ({PlainTextRenderer.FormatDates(holiday.First, holiday.Last)})."
            : day < course.Calendar.Weeks[0].Start || day > (course.Course.LastDay ?? course.Calendar.Weeks[^1].End)
                ? $"it is outside the term ({PlainTextRenderer.FormatDates(course.Calendar.Weeks[0].Start, course.Course.LastDay ?? course.Calendar.Weeks[^1].End)})."
                : $"class meets on {MeetingDays(course)}.";
        return new Reply($"No class on {spoken}", [new ReplyBlock.Paragraph(new Span.Text($"No class on {spoken}: {why}"))], course.TimeZone);
    }

    private static string MeetingDays(CourseSnapshot course) =>
        course.Course.Meetings.Count == 0 ? "no set days" : string.Join(" and ", course.Course.Meetings.Select(m => $"{m.Day}s {m.Start:HH:mm}–{m.End:HH:mm}"));

    private static Reply ClassTimes(CourseSnapshot course, DateTimeOffset now)
    {
        var blocks = new List<ReplyBlock> { new ReplyBlock.Paragraph(new Span.Text($"Class meets {MeetingDays(course)} ({course.TimeZone.Id}).")) };
        if (QuestionReader.NextMeeting(course, now) is { } next)
        {
            var week = course.Calendar.Weeks.First(w => w.Meetings.Contains(next));
            blocks.Add(new ReplyBlock.Paragraph(new Span.Text("Next class: "), new Span.Moment(next.Start, MomentStyle.DateTime), new Span.Text($" ({WeekLabels.Title(week)}).")));
        }
        else
        {
            blocks.Add(new ReplyBlock.Paragraph(new Span.Text("There are no more classes this term.")));
        }

        return new Reply("Class times", blocks, course.TimeZone);
    }

    private static Reply Holidays(CourseSnapshot course)
    {
        var holidays = course.Course.Holidays;
        var blocks = holidays.Count == 0
            ? [new ReplyBlock.Paragraph(new Span.Text("The course calendar has no holidays."))]
            : holidays.Select(h => (ReplyBlock)new ReplyBlock.Paragraph(new Span.Text($"{h.Name}: {PlainTextRenderer.FormatDates(h.First, h.Last)}, no class."))).ToArray();
        return new Reply("Holidays", blocks, course.TimeZone);
    }
}
