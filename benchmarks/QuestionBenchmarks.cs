using BenchmarkDotNet.Attributes;
using CourseBot.Core;
using CourseBot.Core.Questions;

namespace CourseBot.Benchmarks;

/// <summary>Reading a plain question (issue 15): the sample course and the generated 10,000-paper course.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class QuestionBenchmarks
{
    private CourseSnapshot _sample = null!;
    private CourseSnapshot _large = null!;

    [GlobalSetup]
    public void Setup()
    {
        _sample = BenchmarkCourse.Load(
            File.ReadAllText(BenchmarkCourse.SampleFile("reading_list.md")),
            File.ReadAllText(BenchmarkCourse.SampleFile("papers.yaml")),
            BenchmarkCourse.Definition(new DateOnly(2025, 12, 4)));
        var (readingList, papers) = GeneratedCourse.Create(10_000, 100);
        _large = BenchmarkCourse.Load(readingList, papers, BenchmarkCourse.Definition());
    }

    [Arguments("which papers are required for next week?")]
    [Arguments("hey which papers r required for the MoE week pls")]
    [Arguments("is orca required?")]
    [Arguments("who wrote pagedatention")]
    [Arguments("what's due tomorrow")]
    [Arguments("is there class next thursday")]
    [Arguments("what's the weather tomorrow")]
    [Benchmark(Description = "read a question (sample)")]
    public QuestionReading Sample(string question) => QuestionReader.Read(question, _sample, BenchmarkCourse.Week3);

    [Arguments("which papers are required for next week?")]
    [Arguments("is sys4242 required?")]
    [Arguments("who wrote Sys4242")]
    [Arguments("when do we read schedulng")]
    [Arguments("what's due tomorrow")]
    [Arguments("what's the weather tomorrow")]
    [Benchmark(Description = "read a question (10k)")]
    public QuestionReading Large(string question) => QuestionReader.Read(question, _large, BenchmarkCourse.Week3);
}
