using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using CourseBot.Bot.Leads;
using CourseBot.Core.Leads;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CourseBot.Benchmarks;

/// <summary>
/// One sign-up and its withdrawal (issue 13): <see cref="ILeadStore.ClaimAsync"/> then <see cref="ILeadStore.DropAsync"/>,
/// each its own transaction, on a SQLite file and — when COURSEBOT_BENCH_POSTGRES holds an Npgsql connection string
/// of a user that may create tables — on PostgreSQL. One pair per measurement, so the percentiles are per pair.
/// <c>dotnet run -c Release --project benchmarks -- --filter '*LeadStore*'</c>
/// </summary>
[Config(typeof(LatencyConfig))]
public class LeadStoreBenchmarks
{
    public const string PostgresVariable = "COURSEBOT_BENCH_POSTGRES";

    private static readonly LeadStudent Student = new("discord", "80351110224678912", "Ada");
    private static readonly LeadLimits Limits = new(PerPaper: 1, PerStudent: 1, Waitlist: true);

    private readonly string _course = $"bench-{Guid.NewGuid():N}";
    private string? _folder;
    private NpgsqlDataSource? _dataSource;
    private SqlLeadStore _store = null!;

    [ParamsSource(nameof(Databases))]
    public string Database { get; set; } = "sqlite";

    public static IEnumerable<string> Databases() =>
        string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresVariable)) ? ["sqlite"] : ["sqlite", "postgres"];

    [GlobalSetup]
    public void Setup()
    {
        if (Database == "postgres")
        {
            _dataSource = NpgsqlDataSource.Create(Environment.GetEnvironmentVariable(PostgresVariable)!);
            _store = new PostgresLeadStore(_dataSource);
        }
        else
        {
            _folder = Directory.CreateTempSubdirectory("coursebot-bench-").FullName;
            _store = new SqliteLeadStore($"Data Source={Path.Combine(_folder, "coursebot.db")}");
        }

        _store.EnsureSchemaAsync(default).GetAwaiter().GetResult();
        // A realistic roster around the measured paper: 40 other papers, each with its lead.
        for (var n = 0; n < 40; n++)
        {
            _store.ClaimAsync(_course, $"paper-{n}", new LeadStudent("discord", $"student-{n}", $"Student {n}"), Limits, DateTimeOffset.UnixEpoch, default)
                .GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var signup in _store.ListAsync(_course, default).GetAwaiter().GetResult())
        {
            _store.DropAsync(_course, signup.PaperKey, signup.Student.Platform, signup.Student.UserId, default).GetAwaiter().GetResult();
        }

        _dataSource?.Dispose();
        SqliteConnection.ClearAllPools();
        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Benchmark(Description = "claim + drop a lead slot")]
    public async Task<LeadDrop> ClaimAndDrop()
    {
        var claim = await _store.ClaimAsync(_course, "hybridflow", Student, Limits, DateTimeOffset.UnixEpoch, default);
        if (claim is not LeadClaim.Claimed)
        {
            throw new InvalidOperationException($"Expected a free slot, got {claim}.");
        }

        return await _store.DropAsync(_course, "hybridflow", Student.Platform, Student.UserId, default);
    }

    /// <summary>One claim + drop per measurement (a latency, not a throughput), with the median and the 95th/99th percentiles.</summary>
    private sealed class LatencyConfig : ManualConfig
    {
        public LatencyConfig()
        {
            // Outliers kept: the slow tail is what P99 is for. In process: the time is the database's (a connection, a transaction, a commit), and it spares the
            // separate benchmark build, which times out on a loaded machine.
            AddJob(Job.Default.WithInvocationCount(1).WithUnrollFactor(1).WithWarmupCount(20).WithIterationCount(300).WithLaunchCount(1)
                .WithOutlierMode(Perfolizer.Mathematics.OutlierDetection.OutlierMode.DontRemove)
                .WithToolchain(BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain.Instance));
            AddColumn(BenchmarkDotNet.Columns.StatisticColumn.Median, BenchmarkDotNet.Columns.StatisticColumn.P95, new P99Column());
        }
    }
}
