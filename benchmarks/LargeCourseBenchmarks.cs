using BenchmarkDotNet.Attributes;
using CourseBot.Core;
using CourseBot.Core.Commands;
using CourseBot.Core.Replies;

namespace CourseBot.Benchmarks;

/// <summary>A generated course of 10,000 papers in 100 topics.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class LargeCourseBenchmarks
{
    private string _readingList = "";
    private string _papers = "";
    private CourseSnapshot _course = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_readingList, _papers) = GeneratedCourse.Create(10_000, 100);
        _course = BenchmarkCourse.Load(_readingList, _papers, BenchmarkCourse.Definition());
    }

    [Benchmark(Description = "load 10k papers (parse + calendar + index)")]
    public CourseSnapshot Load() => BenchmarkCourse.Load(_readingList, _papers, BenchmarkCourse.Definition());

    [Benchmark(Description = "/reading week3 (10k)")]
    public Reply ReadingWeek3() => CommandDispatcher.Answer("/reading week3", _course, BenchmarkCourse.Week3);

    [Arguments("sys4242-nsdi20")]
    [Arguments("Sys4242")]
    [Arguments("Author4242")]
    [Arguments("scalable serving")]
    [Arguments("schedulng")]
    [Arguments("Smith")]
    [Arguments("pagedatention")]
    [Benchmark(Description = "/paper <query> (10k)")]
    public Reply Paper(string query) => CommandDispatcher.Answer("/paper " + query, _course, BenchmarkCourse.Week3);
}
