using System.Globalization;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using CourseBot.Bot.Conversation;
using CourseBot.Bot.Hosting;
using CourseBot.Core.Commands;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CourseBot.Benchmarks;

/// <summary>
/// The sign-up latency of one claim the way <c>coursebot leads claim</c> makes it (issue 13): the bot's services
/// (course catalog, conversation, lead desk, store) in this process, one <see cref="ICourseConversation.AnswerAsync"/>
/// of <c>/lead &lt;paper&gt;</c> as the console student, measured alone (the drop that frees the slot again runs
/// between measurements, untimed). On the bot's SQLite file, and on PostgreSQL when COURSEBOT_BENCH_POSTGRES holds an
/// Npgsql connection string of a user that may create tables. The process start of the CLI is not included: see
/// docs/benchmarks.md for its wall time.
/// <c>dotnet run -c Release --project benchmarks -- --filter '*LeadSignup*'</c>
/// </summary>
[Config(typeof(LatencyConfig))]
public partial class LeadSignupBenchmarks
{
    private const string Paper = "hybridflow-eurosys25";

    private static readonly CommandContext Student = new("console", null, null, "bench-student", IsAdmin: false) { DisplayName = "Bench Student" };

    private string _folder = "";
    private WebApplication _app = null!;
    private ICourseConversation _conversation = null!;

    [ParamsSource(nameof(Databases))]
    public string Database { get; set; } = "sqlite";

    public static IEnumerable<string> Databases() => LeadStoreBenchmarks.Databases();

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("coursebot-bench-").FullName;
        var config = CopyCourseIntoTheFuture(_folder);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        var settings = new Dictionary<string, string?> { ["Urls"] = "http://127.0.0.1:0" };
        if (Database == "postgres")
        {
            settings["Storage:Provider"] = "postgres";
            settings["Storage:ConnectionString"] = Environment.GetEnvironmentVariable(LeadStoreBenchmarks.PostgresVariable);
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddCourseBotServices(config);
        _app = builder.Build();
        _app.MapCourseBotEndpoints();
        _app.StartAsync().GetAwaiter().GetResult();
        _conversation = _app.Services.GetRequiredService<ICourseConversation>();
        DropAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _app.StopAsync().GetAwaiter().GetResult();
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [IterationCleanup]
    public void FreeTheSlot() => DropAsync().GetAwaiter().GetResult();

    [Benchmark(Description = "claim a lead slot: coursebot leads claim's conversation call")]
    public async Task<string> Claim()
    {
        var reply = await _conversation.AnswerAsync(Student, new CourseCommand.Lead(Paper, Drop: false), CancellationToken.None);
        return reply.IsError ? throw new InvalidOperationException($"Expected a free slot, got \"{reply.Title}\".") : reply.Title;
    }

    private Task DropAsync() => _conversation.AnswerAsync(Student, new CourseCommand.Lead(Paper, Drop: true), CancellationToken.None);

    /// <summary>The sample course, every date moved by whole weeks so that week 1 starts in 3 weeks: all sign-ups are open now.</summary>
    internal static string CopyCourseIntoTheFuture(string folder)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "config");
        var target = Path.Combine(folder, "config");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        var course = Path.Combine(target, "cs395t.yaml");
        var weeks = (DateOnly.FromDateTime(DateTime.UtcNow).DayNumber - new DateOnly(2025, 8, 25).DayNumber) / 7 + 3;
        File.WriteAllText(course, IsoDate().Replace(File.ReadAllText(course), m =>
            DateOnly.ParseExact(m.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(7 * weeks).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        return target;
    }

    [GeneratedRegex(@"\b20\d\d-\d\d-\d\d\b")]
    private static partial Regex IsoDate();

    /// <summary>One claim per measurement, in process (as LeadStoreBenchmarks), with the median and the 95th/99th percentiles.</summary>
    private sealed class LatencyConfig : ManualConfig
    {
        public LatencyConfig()
        {
            AddJob(Job.Default.WithInvocationCount(1).WithUnrollFactor(1).WithWarmupCount(20).WithIterationCount(300).WithLaunchCount(1)
                .WithOutlierMode(Perfolizer.Mathematics.OutlierDetection.OutlierMode.DontRemove)
                .WithToolchain(BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain.Instance));
            AddColumn(BenchmarkDotNet.Columns.StatisticColumn.Median, BenchmarkDotNet.Columns.StatisticColumn.P95, new P99Column());
        }
    }
}
