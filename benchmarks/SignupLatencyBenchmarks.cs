using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using CourseBot.Bot.Conversation;
using CourseBot.Bot.Discord.Interactions;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Rendering;
using CourseBot.Bot.Storage;
using CourseBot.Core.Commands;
using CourseBot.Core.Leads;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NSec.Cryptography;

namespace CourseBot.Benchmarks;

/// <summary>
/// Sign-up latency (issue 13): how long a student waits for one claim of a free lead slot, on SQLite and on PostgreSQL
/// (a throwaway server on 127.0.0.1, or COURSEBOT_BENCH_POSTGRES; <see cref="BenchPostgres"/>).
/// <list type="bullet">
/// <item><c>Cli</c>: what <c>coursebot leads claim &lt;paper&gt; --user &lt;id&gt;</c> does once its process is up: the bot's
/// services built as the CLI builds them (not started; schema and course loaded first, untimed), one
/// <see cref="ICourseConversation.AnswerAsync"/> of <c>/lead &lt;paper&gt;</c> → LeadDesk → store.</item>
/// <item><c>DiscordCommand</c> / <c>DiscordSelect</c>: the whole bot running in Discord HTTP-interactions mode on a loopback
/// port; an Ed25519-signed POST of <c>/lead paper:&lt;key&gt;</c> (APPLICATION_COMMAND), or of the "Lead a paper" menu's
/// choice (MESSAGE_COMPONENT, string select), to <c>/discord/interactions</c>, timed until the student has the answer:
/// the HTTP response when it carries the answer (type 4: the claim was already done when the bot looked, as with
/// SQLite, whose driver completes synchronously), else — the bot deferred (type 5, "thinking…") — until its edit of the
/// original reaches the loopback Discord API (<see cref="BenchDiscordApi"/>). The counts of each go to the log.</item>
/// <item><c>DiscordCommandAck</c>: the same POST, until its HTTP response (the answer or the deferral) has arrived.</item>
/// </list>
/// Every measured claim is a new sign-up by a student not seen before, on a course where 25 other papers already have
/// a lead; it must succeed ("You lead …") or the run stops. Between measurements (untimed) that student drops again,
/// so each claim meets the same roster.
/// <c>dotnet run -c Release --project benchmarks -- --filter '*SignupLatency*'</c> (benchmarks/signup-latency.sh adds
/// the load average and prints the table).
/// </summary>
[Config(typeof(LatencyConfig))]
public class SignupLatencyBenchmarks : IDisposable
{
    private const string Paper = "hybridflow-eurosys25";
    private const string Guild = "1000000000000000001";
    private const string Channel = "1000000000000000002";
    private const int OtherLeads = 25;
    private static readonly TimeSpan AnswerLimit = TimeSpan.FromSeconds(30);

    private string _folder = "";
    private BenchPostgres? _postgres;
    private WebApplication _app = null!;
    private ICourseConversation _conversation = null!;
    private BenchDiscordApi? _api;
    private HttpClient? _http;
    private Key? _key;

    private int _student;
    private CommandContext? _signedUp;
    private HttpRequestMessage? _request;
    private string? _token;
    private Task<string>? _answer;
    private int _inline;
    private int _deferred;

    [Params("sqlite", "postgres")]
    public string Database { get; set; } = "sqlite";

    [GlobalSetup(Target = nameof(Cli))]
    public void SetupCli() => SetUpAsync(discord: false).GetAwaiter().GetResult();

    [GlobalSetup(Targets = [nameof(DiscordCommand), nameof(DiscordCommandAck), nameof(DiscordSelect)])]
    public void SetupDiscord() => SetUpAsync(discord: true).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => CleanUpAsync().GetAwaiter().GetResult();

    [IterationSetup(Target = nameof(Cli))]
    public void NextConsoleStudent()
    {
        _student++;
        _signedUp = null;
    }

    [IterationSetup(Targets = [nameof(DiscordCommand), nameof(DiscordCommandAck)])]
    public void SignCommand() => Sign(token => CommandJson(token, _student));

    [IterationSetup(Target = nameof(DiscordSelect))]
    public void SignMenuChoice() => Sign(token => MenuChoiceJson(token, _student));

    /// <summary>Checks the answer if not yet checked, then frees the slot again (untimed).</summary>
    [IterationCleanup]
    public void FreeTheSlot() => FreeTheSlotAsync().GetAwaiter().GetResult();

    [Benchmark(Description = "CLI path: coursebot leads claim's conversation call")]
    public async Task<string> Cli()
    {
        var student = new CommandContext("console", null, null, $"bench-{_student}", IsAdmin: false) { DisplayName = $"bench-{_student}" };
        var reply = await _conversation.AnswerAsync(student, new CourseCommand.Lead(Paper, Drop: false), CancellationToken.None);
        _signedUp = student;
        return reply.IsError || !reply.Title.StartsWith("You lead ", StringComparison.Ordinal)
            ? throw new InvalidOperationException($"Expected a new sign-up, got \"{reply.Title}\".")
            : reply.Title;
    }

    [Benchmark(Description = "Discord /lead paper:<key>, until the answer")]
    public async Task<string> DiscordCommand() => await SendAsync() ?? await AnswerAsync();

    [Benchmark(Description = "Discord /lead paper:<key>, until the HTTP response")]
    public Task DiscordCommandAck() => SendAsync();

    [Benchmark(Description = "Discord \"Lead a paper\" menu choice, until the answer")]
    public async Task<string> DiscordSelect() => await SendAsync() ?? await AnswerAsync();

    private async Task SetUpAsync(bool discord)
    {
        _folder = Directory.CreateTempSubdirectory("coursebot-bench-").FullName;
        var config = LeadSignupBenchmarks.CopyCourseIntoTheFuture(_folder);
        var settings = new Dictionary<string, string?>();
        if (Database == "postgres")
        {
            _postgres = BenchPostgres.Start();
            settings["Storage:Provider"] = "postgres";
            settings["Storage:ConnectionString"] = _postgres.ConnectionString;
            Console.WriteLine($"// PostgreSQL: {_postgres.Description}");
        }

        if (discord)
        {
            _api = await BenchDiscordApi.StartAsync();
            _key = Key.Create(SignatureAlgorithm.Ed25519);
            settings["Urls"] = "http://127.0.0.1:0";
            settings["Discord:BotToken"] = BenchDiscordApi.BotToken;
            settings["Discord:ApplicationId"] = BenchDiscordApi.ApplicationId;
            settings["Discord:PublicKey"] = Convert.ToHexStringLower(_key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
            settings["Discord:Mode"] = "http";
            settings["Discord:ApiBaseUrl"] = _api.ApiBaseUrl.ToString();
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddCourseBotServices(config);
        _app = builder.Build();
        if (discord)
        {
            // What `coursebot run` serves.
            _app.MapCourseBotEndpoints();
            await _app.StartAsync();
            var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            _http = new HttpClient { BaseAddress = new Uri(address) };
        }
        else
        {
            // What the CLI's OfflineBot does before answering: the store's schema, then the course into the catalog.
            await _app.Services.GetRequiredService<StorageSchema>().EnsureCreatedAsync(CancellationToken.None);
            await _app.Services.GetRequiredService<CourseRefreshService>().RefreshAsync(CancellationToken.None);
        }

        _conversation = _app.Services.GetRequiredService<ICourseConversation>();
        await FillTheRosterAsync();
    }

    /// <summary>A roster like a course's mid-sign-up: one lead on each of <see cref="OtherLeads"/> other papers (each has a slot left).</summary>
    private async Task FillTheRosterAsync()
    {
        var course = _app.Services.GetRequiredService<CourseCatalog>().Courses.Single();
        var others = LeadCatalog.For(course)!.Papers.Select(p => p.Key).Where(k => k != Paper).Take(OtherLeads).ToArray();
        if (others.Length < OtherLeads)
        {
            throw new InvalidOperationException($"The sample course has {others.Length} other papers to lead, fewer than {OtherLeads}.");
        }

        foreach (var (key, n) in others.Select((k, n) => (k, n)))
        {
            var lead = new CommandContext("console", null, null, $"roster-{n}", IsAdmin: false) { DisplayName = $"Roster {n}" };
            var reply = await _conversation.AnswerAsync(lead, new CourseCommand.Lead(key, Drop: false), CancellationToken.None);
            if (reply.IsError)
            {
                throw new InvalidOperationException($"Filling the roster: {key} was refused: \"{reply.Title}\".");
            }
        }
    }

    private void Sign(Func<string, string> json)
    {
        _student++;
        _signedUp = null;
        _token = $"bench-token-{_student}-{Guid.NewGuid():N}";
        var body = Encoding.UTF8.GetBytes(json(_token));
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = SignatureAlgorithm.Ed25519.Sign(_key!, [.. Encoding.UTF8.GetBytes(timestamp), .. body]);
        _request?.Dispose();
        _request = new HttpRequestMessage(HttpMethod.Post, InteractionEndpoint.Path) { Content = new ByteArrayContent(body) };
        _request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        _request.Headers.Add(InteractionSignature.SignatureHeader, Convert.ToHexStringLower(signature));
        _request.Headers.Add(InteractionSignature.TimestampHeader, timestamp);
        _answer = _api!.EditOf(_token);
    }

    /// <summary>
    /// The signed POST, until its response body has arrived: either the answer itself (type 4, when the claim was
    /// done at once: returned, checked) or the deferral (type 5: null, the answer comes as an edit). Anything else stops the run.
    /// </summary>
    private async Task<string?> SendAsync()
    {
        using var response = await _http!.SendAsync(_request!, CancellationToken.None);
        var text = await response.Content.ReadAsStringAsync();
        _signedUp = new CommandContext("discord", Channel, Guild, DiscordUser(_student), IsAdmin: false);
        if (response.IsSuccessStatusCode && text.Contains($"\"type\":{CallbackType.DeferredMessage}", StringComparison.Ordinal))
        {
            _deferred++;
            return null;
        }

        if (response.IsSuccessStatusCode && text.Contains($"\"type\":{CallbackType.Message}", StringComparison.Ordinal))
        {
            _inline++;
            _answer = null;
            _api!.Forget(_token!);
            return Checked(text);
        }

        throw new InvalidOperationException($"Expected the answer (type {CallbackType.Message}) or a deferral (type {CallbackType.DeferredMessage}), got HTTP {(int)response.StatusCode}: {text}");
    }

    /// <summary>The edit that answers the interaction; anything but a new sign-up stops the run.</summary>
    private async Task<string> AnswerAsync()
    {
        var answer = await _answer!.WaitAsync(AnswerLimit);
        _answer = null;
        _api!.Forget(_token!);
        return Checked(answer);
    }

    private static string Checked(string answer) =>
        answer.Contains("You lead ", StringComparison.Ordinal) && !answer.Contains("You already lead", StringComparison.Ordinal)
            ? answer
            : throw new InvalidOperationException($"Expected a new sign-up, got: {answer}");

    private async Task FreeTheSlotAsync()
    {
        if (_answer is not null && _signedUp is not null)
        {
            // DiscordCommandAck: the answer comes after the measurement; wait for it and check it before freeing the slot.
            await AnswerAsync();
        }

        if (_signedUp is { } student)
        {
            var reply = await _conversation.AnswerAsync(student, new CourseCommand.Lead(Paper, Drop: true), CancellationToken.None);
            if (reply.IsError)
            {
                throw new InvalidOperationException($"Freeing the slot again: \"{reply.Title}\".");
            }

            _signedUp = null;
        }
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>BenchmarkDotNet needs an unsealed class, so the full pattern.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _http?.Dispose();
            _request?.Dispose();
        }
    }

    private async Task CleanUpAsync()
    {
        if (_inline + _deferred > 0)
        {
            Console.WriteLine($"// Discord answers: {_inline} inline (type {CallbackType.Message}), {_deferred} deferred and edited (type {CallbackType.DeferredMessage}) [Database={Database}]");
        }

        Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        _key?.Dispose();
        SqliteConnection.ClearAllPools();
        _postgres?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static string DiscordUser(int student) => (1_600_000_000_000_000_000L + student).ToString(CultureInfo.InvariantCulture);

    /// <summary>An APPLICATION_COMMAND <c>/lead paper:&lt;key&gt;</c> shaped like Discord's (receiving-and-responding.mdx).</summary>
    private static string CommandJson(string token, int student) => Interaction(token, student, type: 2, new JsonObject
    {
        ["id"] = "1500000000000000001",
        ["name"] = "lead",
        ["type"] = 1,
        ["options"] = new JsonArray(new JsonObject { ["name"] = "paper", ["type"] = 3, ["value"] = Paper }),
    });

    /// <summary>A MESSAGE_COMPONENT: the paper chosen in the "Lead a paper" string select, its value the command as the bot encodes it.</summary>
    private static string MenuChoiceJson(string token, int student) => Interaction(token, student, type: 3, new JsonObject
    {
        ["custom_id"] = "select.0",
        ["component_type"] = 3,
        ["values"] = new JsonArray(ActionCommand.Encode($"/lead {Paper}", 100)),
    });

    private static string Interaction(string token, int student, int type, JsonObject data)
    {
        var interaction = new JsonObject
        {
            ["id"] = (1_400_000_000_000_000_000L + student).ToString(CultureInfo.InvariantCulture),
            ["application_id"] = BenchDiscordApi.ApplicationId,
            ["type"] = type,
            ["token"] = token,
            ["version"] = 1,
            ["guild_id"] = Guild,
            ["channel_id"] = Channel,
            ["locale"] = "en-US",
            ["data"] = data,
            ["member"] = new JsonObject
            {
                ["user"] = new JsonObject { ["id"] = DiscordUser(student), ["username"] = $"student{student}" },
                ["permissions"] = "0",
            },
        };
        if (type == 3)
        {
            interaction["message"] = new JsonObject { ["id"] = "1300000000000000001", ["channel_id"] = Channel, ["content"] = "", ["components"] = new JsonArray() };
        }

        return interaction.ToJsonString();
    }

    /// <summary>One claim per measurement, in process, outliers kept (the tail is what P99 is for); median, P95, P99.</summary>
    private sealed class LatencyConfig : ManualConfig
    {
        public LatencyConfig()
        {
            AddJob(Job.Default.WithInvocationCount(1).WithUnrollFactor(1).WithWarmupCount(20).WithIterationCount(300).WithLaunchCount(1)
                .WithEvaluateOverhead(false)
                .WithOutlierMode(Perfolizer.Mathematics.OutlierDetection.OutlierMode.DontRemove)
                .WithToolchain(BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain.Instance));
            AddColumn(BenchmarkDotNet.Columns.StatisticColumn.Median, BenchmarkDotNet.Columns.StatisticColumn.P95, new P99Column(), BenchmarkDotNet.Columns.StatisticColumn.Max);
        }
    }
}
