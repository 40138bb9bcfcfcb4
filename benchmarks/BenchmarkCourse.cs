using CourseBot.Core;
using CourseBot.Core.Calendar;
using CourseBot.Core.ReadingList;

namespace CourseBot.Benchmarks;

/// <summary>The courses the benchmarks run on: the real sample course, and a generated large one.</summary>
internal static class BenchmarkCourse
{
    public static readonly DateTimeOffset Week3 = new(2025, 9, 10, 17, 0, 0, TimeSpan.Zero);

    public static string SampleFile(string name) => Path.Combine(AppContext.BaseDirectory, "config", "cs395t", name);

    public static CourseDefinition Definition(DateOnly? lastDay = null) => new()
    {
        Id = "bench",
        Name = "Benchmark course",
        TimeZone = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago"),
        FirstMonday = new DateOnly(2025, 8, 25),
        LastDay = lastDay,
        Meetings =
        [
            new MeetingPattern(DayOfWeek.Tuesday, new TimeOnly(12, 30), new TimeOnly(14, 0)),
            new MeetingPattern(DayOfWeek.Thursday, new TimeOnly(12, 30), new TimeOnly(14, 0)),
        ],
        Holidays = [new Holiday("Thanksgiving break", new DateOnly(2025, 11, 24), new DateOnly(2025, 11, 30))],
        Responses = new ResponseRule(new TimeOnly(18, 0), 1),
        ReadingList = "reading_list.md",
        Papers = "papers.yaml",
        SourcePath = "bench.yaml",
    };

    public static CourseSnapshot Load(string readingList, string papers, CourseDefinition definition) =>
        CourseSnapshot.Create(definition, ReadingListLoader.FromText(readingList, "reading_list.md", papers, "papers.yaml"));
}
