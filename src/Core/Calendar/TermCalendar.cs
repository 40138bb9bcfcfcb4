using CourseBot.Core.ReadingList;

namespace CourseBot.Core.Calendar;

/// <summary>
/// The weeks of the term: dates, numbers, holidays, what each week covers and when class meets, all in
/// the course's time zone. Built from the course definition and the reading list; rebuilt when either changes.
/// </summary>
public sealed class TermCalendar
{
    /// <summary>A term never runs longer than this; guards a plan that would never end.</summary>
    public const int MaxWeeks = 60;

    private readonly TimeZoneInfo _zone;

    public TermCalendar(CourseDefinition course, CourseReadingList readingList)
    {
        _zone = course.TimeZone;
        var diagnostics = new List<Diagnostic>();
        var plan = new WeekPlan(course, readingList, diagnostics);
        Weeks = BuildWeeks(course, plan, diagnostics);
        plan.ReportUnscheduled(Weeks);
        Leads.LeadsPaperCheck.Report(course, readingList, Weeks, diagnostics);
        Diagnostics = diagnostics;
    }

    public IReadOnlyList<CourseWeek> Weeks { get; }

    /// <summary>Plan problems: unknown topics or papers, topics the term is too short for.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    public CourseWeek? Week(int number) => Weeks.FirstOrDefault(w => w.Number == number);

    /// <summary>Where an instant falls, judged by the date in the course's time zone.</summary>
    public TermPosition Locate(DateTimeOffset instant)
    {
        if (Weeks.Count == 0)
        {
            throw new InvalidOperationException("the term has no weeks");
        }

        var day = DateOnly.FromDateTime(ToLocal(instant).DateTime);
        if (day < Weeks[0].Start)
        {
            return new TermPosition.BeforeTerm(Weeks[0]);
        }

        if (day > Weeks[^1].End)
        {
            return new TermPosition.AfterTerm(Weeks[^1]);
        }

        return new TermPosition.InTerm(Weeks[(day.DayNumber - Weeks[0].Start.DayNumber) / 7]);
    }

    /// <summary>The weeks that cover a topic (a topic may span several weeks, or none if unscheduled).</summary>
    public IReadOnlyList<CourseWeek> WeeksOf(Topic topic) => Weeks.Where(w => w.Topics.Contains(topic)).ToArray();

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _zone);

    /// <summary>
    /// The instant of a local date and time. A time skipped by a daylight-saving change moves forward by the
    /// gap (02:30 on the spring-forward night is 03:30); a time that occurs twice is the first, daylight one.
    /// </summary>
    public DateTimeOffset LocalToInstant(DateOnly date, TimeOnly time) => LocalToInstant(_zone, date, time);

    public static DateTimeOffset LocalToInstant(TimeZoneInfo zone, DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            var before = zone.GetUtcOffset(local.AddHours(-3));
            var after = zone.GetUtcOffset(local.AddHours(3));
            return new DateTimeOffset(local + (after - before), after);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    private List<CourseWeek> BuildWeeks(CourseDefinition course, WeekPlan plan, List<Diagnostic> diagnostics)
    {
        var weeks = new List<CourseWeek>();
        var number = 1;
        for (var start = course.FirstMonday; weeks.Count < MaxWeeks; start = start.AddDays(7))
        {
            if (course.LastDay is { } lastDay ? start > lastDay : !plan.HasMore)
            {
                break;
            }

            var end = start.AddDays(6);
            var holiday = HolidayOf(course, start);
            if (holiday is not null)
            {
                weeks.Add(new CourseWeek(course.NumberHolidayWeeks ? number++ : null, start, end, holiday.Name, null, [], [], []));
                continue;
            }

            var assignment = plan.Next(number);
            var meetings = Meetings(course, start);
            if (assignment.Classes is { } classes && classes.Count > meetings.Length && meetings.Length > 0)
            {
                // A single cancelled day (a holiday on Tuesday) leaves the week fewer classes than the plan's lists.
                diagnostics.Add(Diagnostic.Warning(assignment.Entry!.Location, $"week {number} ({start:yyyy-MM-dd}) has {meetings.Length} class{(meetings.Length == 1 ? "" : "es")} but classes: gives {classes.Count} lists; the papers of the later lists go to its last class", "check the holidays, or plan that week's classes separately"));
            }

            meetings = assignment.Classes is { } planned ? Assign(meetings, assignment.Readings, planned) : Split(meetings, assignment.Readings);
            weeks.Add(new CourseWeek(number++, start, end, null, assignment.Title, assignment.Topics, assignment.Readings, meetings));
        }

        return weeks;
    }

    /// <summary>A week is a holiday when holidays cover all its class days (Monday–Friday for a course without meetings).</summary>
    private static Holiday? HolidayOf(CourseDefinition course, DateOnly monday)
    {
        var classDays = course.Meetings.Count > 0
            ? course.Meetings.Select(m => monday.AddDays(((int)m.Day + 6) % 7)).Distinct().ToArray()
            : Enumerable.Range(0, 5).Select(monday.AddDays).ToArray();
        var covering = classDays.Select(day => course.Holidays.FirstOrDefault(h => h.Covers(day))).ToArray();
        return covering.All(h => h is not null) ? covering[0] : null;
    }

    /// <summary>The week's readings in page order over its meetings, as evenly as possible; earlier meetings take the extra ones.</summary>
    internal static ClassMeeting[] Split(ClassMeeting[] meetings, IReadOnlyList<Reading> readings)
    {
        var taken = 0;
        for (var i = 0; i < meetings.Length; i++)
        {
            var count = (readings.Count / meetings.Length) + (i < readings.Count % meetings.Length ? 1 : 0);
            meetings[i] = meetings[i] with { Readings = readings.Skip(taken).Take(count).ToArray() };
            taken += count;
        }

        return meetings;
    }

    /// <summary>
    /// The plan's class lists over the week's meetings in order; papers of lists beyond the last meeting, and
    /// the week's papers no list names, go to the last meeting. Page order within each class.
    /// </summary>
    internal static ClassMeeting[] Assign(ClassMeeting[] meetings, IReadOnlyList<Reading> readings, IReadOnlyList<IReadOnlyList<Reading>> classes)
    {
        var named = classes.SelectMany(c => c).ToHashSet();
        for (var i = 0; i < meetings.Length; i++)
        {
            var mine = (i < classes.Count ? classes[i] : []).ToHashSet();
            if (i == meetings.Length - 1)
            {
                mine.UnionWith(classes.Skip(meetings.Length).SelectMany(c => c));
                mine.UnionWith(readings.Where(r => !named.Contains(r)));
            }

            meetings[i] = meetings[i] with { Readings = readings.Where(mine.Contains).ToArray() };
        }

        return meetings;
    }

    private ClassMeeting[] Meetings(CourseDefinition course, DateOnly monday) =>
        course.Meetings
            .Select(m => (Pattern: m, Day: monday.AddDays(((int)m.Day + 6) % 7)))
            .Where(m => !course.Holidays.Any(h => h.Covers(m.Day)) && (course.LastDay is not { } last || m.Day <= last))
            .Select(m => new ClassMeeting(
                LocalToInstant(m.Day, m.Pattern.Start),
                LocalToInstant(m.Day, m.Pattern.End),
                course.Responses is { } rule ? LocalToInstant(m.Day.AddDays(-rule.DaysBefore), rule.Due) : null)
            { Room = m.Pattern.Room })
            .ToArray();
}
