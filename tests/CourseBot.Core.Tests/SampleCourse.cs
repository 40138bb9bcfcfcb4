using CourseBot.Core.Calendar;
using CourseBot.Core.ReadingList;

namespace CourseBot.Core.Tests;

/// <summary>CS 395T (Fall 2025) as the issue describes it, over the real reading list in shared/course.</summary>
internal static class SampleCourse
{
    public static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");

    public static CourseDefinition Definition(Func<CourseDefinition, CourseDefinition>? change = null)
    {
        var definition = new CourseDefinition
        {
            Id = "cs395t",
            Name = "CS 395T: Advanced Topics in Systems and GenAI",
            Term = "Fall 2025",
            TimeZone = Chicago,
            FirstMonday = new DateOnly(2025, 8, 25),
            LastDay = new DateOnly(2025, 12, 4),
            Meetings =
            [
                new MeetingPattern(DayOfWeek.Tuesday, new TimeOnly(12, 30), new TimeOnly(14, 0)),
                new MeetingPattern(DayOfWeek.Thursday, new TimeOnly(12, 30), new TimeOnly(14, 0)),
            ],
            Holidays = [new Holiday("Thanksgiving break", new DateOnly(2025, 11, 24), new DateOnly(2025, 11, 30))],
            Responses = new ResponseRule(new TimeOnly(18, 0), 1),
            ReadingList = SharedCourse.File("reading_list.md"),
            Papers = SharedCourse.File("papers.yaml"),
            SourcePath = "cs395t.yaml",
        };
        return change is null ? definition : change(definition);
    }

    public static CourseReadingList ReadingList { get; } = ReadingListLoader.Load(SharedCourse.File("reading_list.md"), SharedCourse.File("papers.yaml"));

    public static CourseSnapshot Snapshot(Func<CourseDefinition, CourseDefinition>? change = null) =>
        CourseSnapshot.Create(Definition(change), ReadingList);

    /// <summary>A local Chicago time as an instant.</summary>
    public static DateTimeOffset At(int year, int month, int day, int hour = 12, int minute = 0) =>
        TermCalendar.LocalToInstant(Chicago, new DateOnly(year, month, day), new TimeOnly(hour, minute));
}
