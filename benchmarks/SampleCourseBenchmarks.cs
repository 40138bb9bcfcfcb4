using BenchmarkDotNet.Attributes;
using CourseBot.Core;
using CourseBot.Core.Commands;
using CourseBot.Core.ReadingList;
using CourseBot.Core.Replies;

namespace CourseBot.Benchmarks;

/// <summary>The real CS 395T course: loading it, and answering students.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class SampleCourseBenchmarks
{
    private string _readingList = "";
    private string _papers = "";
    private CourseSnapshot _course = null!;

    [GlobalSetup]
    public void Setup()
    {
        _readingList = File.ReadAllText(BenchmarkCourse.SampleFile("reading_list.md"));
        _papers = File.ReadAllText(BenchmarkCourse.SampleFile("papers.yaml"));
        _course = BenchmarkCourse.Load(_readingList, _papers, BenchmarkCourse.Definition(new DateOnly(2025, 12, 4)));
    }

    [Benchmark(Description = "parse reading list + papers")]
    public CourseReadingList Parse() => ReadingListLoader.FromText(_readingList, "reading_list.md", _papers, "papers.yaml");

    [Benchmark(Description = "parse + calendar + search index")]
    public CourseSnapshot Load() => BenchmarkCourse.Load(_readingList, _papers, BenchmarkCourse.Definition(new DateOnly(2025, 12, 4)));

    [Benchmark(Description = "/reading week3")]
    public Reply ReadingWeek3() => CommandDispatcher.Answer("/reading week3", _course, BenchmarkCourse.Week3);

    [Benchmark(Description = "/required next week")]
    public Reply RequiredNextWeek() => CommandDispatcher.Answer("/required next week", _course, BenchmarkCourse.Week3);

    [Arguments("distserve")]
    [Arguments("PagedAttention")]
    [Arguments("Zaharia")]
    [Arguments("pagedatention")]
    [Arguments("OSDI 24")]
    [Benchmark(Description = "/paper <query>")]
    public Reply Paper(string query) => CommandDispatcher.Answer("/paper " + query, _course, BenchmarkCourse.Week3);

    [Arguments("distserve")]
    [Arguments("pagedatention")]
    [Benchmark(Description = "PaperSearch.Find")]
    public object Find(string query) => _course.Search.Find(query, 4);

    [Benchmark(Description = "render /reading week3 as text")]
    public string RenderText() => PlainTextRenderer.Render(CommandDispatcher.Answer("/reading week3", _course, BenchmarkCourse.Week3));
}
