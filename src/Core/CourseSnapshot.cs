using CourseBot.Core.Calendar;
using CourseBot.Core.Commands;
using CourseBot.Core.ReadingList;
using CourseBot.Core.Replies;
using CourseBot.Core.Search;

namespace CourseBot.Core;

/// <summary>
/// Everything one course answers from, built once per version of its files and then only read:
/// the definition, the reading list, the term calendar and the search index. A reload builds a new
/// snapshot and swaps it in whole, so a reply never sees half an update.
/// </summary>
public sealed class CourseSnapshot
{
    private readonly Dictionary<SourceLocation, CourseWeek[]> _weeksByReading;

    private CourseSnapshot(CourseDefinition course, CourseReadingList readingList, TermCalendar calendar)
    {
        Course = course;
        ReadingList = readingList;
        Calendar = calendar;
        Search = new PaperSearch(readingList);
        WeekNames = new WeekNames(calendar);
        _weeksByReading = calendar.Weeks
            .SelectMany(week => week.Readings.Select(reading => (reading.Location, week)))
            .GroupBy(x => x.Location)
            .ToDictionary(g => g.Key, g => g.Select(x => x.week).ToArray());
    }

    public CourseDefinition Course { get; }

    public CourseReadingList ReadingList { get; }

    public TermCalendar Calendar { get; }

    public PaperSearch Search { get; }

    /// <summary>The weeks' names as topic matching compares them, split once per snapshot.</summary>
    internal WeekNames WeekNames { get; }

    public TimeZoneInfo TimeZone => Course.TimeZone;

    public static CourseSnapshot Create(CourseDefinition course, CourseReadingList readingList) =>
        new(course, readingList, new TermCalendar(course, readingList));

    /// <summary>
    /// One line on what the course holds, e.g. "9 topics, 50 readings, 14 weeks plus 1 unnumbered holiday week".
    /// Weeks are counted the way /schedule numbers them, so the two never disagree.
    /// </summary>
    public string Summary
    {
        get
        {
            var numbered = Calendar.Weeks.Count(w => w.Number is not null);
            var unnumbered = Calendar.Weeks.Count - numbered;
            var extra = unnumbered == 0 ? "" : $" plus {Counted.Of(unnumbered, "unnumbered holiday week")}";
            return $"{ReadingList.Topics.Count} topics, {ReadingList.Readings.Count} readings, {Counted.Of(numbered, "week")}{extra}";
        }
    }

    /// <summary>The weeks whose readings include this one (empty when the plan never schedules it).</summary>
    public IReadOnlyList<CourseWeek> WeeksOf(Reading reading) =>
        _weeksByReading.TryGetValue(reading.Location, out var weeks) ? weeks : [];
}
