using BenchmarkDotNet.Attributes;
using CourseBot.Core;
using CourseBot.Core.ReadingList;
using CourseBot.Core.Search;

namespace CourseBot.Benchmarks;

/// <summary>Where the time of loading the 10,000-paper course goes.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class LoadPartsBenchmarks
{
    private string _readingList = "";
    private string _papers = "";
    private Dictionary<string, Paper> _parsedPapers = [];
    private CourseReadingList _list = CourseReadingList.Empty;

    [GlobalSetup]
    public void Setup()
    {
        (_readingList, _papers) = GeneratedCourse.Create(10_000, 100);
        _parsedPapers = PapersFileParser.Parse(_papers, "papers.yaml", new List<Diagnostic>());
        _list = ReadingListParser.Parse(_readingList, "reading_list.md", _parsedPapers, "papers.yaml", new List<Diagnostic>());
    }

    [Benchmark(Description = "papers YAML (10k)")]
    public object Papers() => PapersFileParser.Parse(_papers, "papers.yaml", new List<Diagnostic>());

    // The full reader the flat fast path falls back to (YamlDotNet's event parser), for comparison.
    [Benchmark(Description = "papers YAML, full YAML reader (10k)")]
    public object PapersFullReader() => PapersFileParser.ParseYaml(_papers, "papers.yaml", new List<Diagnostic>(), out _);

    [Benchmark(Description = "reading-list page (10k)")]
    public object Page() => ReadingListParser.Parse(_readingList, "reading_list.md", _parsedPapers, "papers.yaml", new List<Diagnostic>());

    [Benchmark(Description = "search index (10k)")]
    public object Index() => new PaperSearch(_list);

    [Benchmark(Description = "snapshot: calendar + index (10k)")]
    public object Snapshot() => CourseSnapshot.Create(BenchmarkCourse.Definition(), _list);
}
