using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using CourseBot.Bot.Cli;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Tests.Running;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Bot.Tests.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CourseBot.Bot.Tests.Cli;

/// <summary>How <c>coursebot run</c> ends: a failing part of the bot or a busy port is a non-zero exit code and one line saying why.</summary>
public sealed class RunExitTests : IDisposable
{
    private readonly TempDirectory _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public void A_reading_list_path_that_names_no_file_stops_the_start_with_exit_code_2_at_the_course_files_line()
    {
        var config = CourseCopy.Create(_work.Path, text => text.Replace("readingList: cs395t/reading_list.md", "readingList: cs395t/reading_lst.md"));

        var run = CliRun.Invoke("run", "--config", config, "--urls", "http://127.0.0.1:0");

        Assert.Equal(2, run.ExitCode);
        Assert.Matches(@"cs395t\.yaml:\d+:\d+: error: the file does not exist: .*reading_lst\.md", run.Error);
    }

    [Fact]
    public async Task A_background_service_that_throws_stops_the_bot_with_exit_code_1_and_a_one_line_reason()
    {
        var log = new ExceptionLog();
        await using var app = Build(log, services => services.AddHostedService<FailingService>());
        var error = new StringWriter();

        var exitCode = await RunningBot.RunAsync(app, error, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        Assert.Equal("error: the bot stopped because FailingService failed: Invalid Day-of-Week value: 'MNO'" + Environment.NewLine, error.ToString());
        // No stack trace at the default log level: nothing logged at Information or above carries the exception.
        Assert.DoesNotContain(log.Entries, e => e.Level >= LogLevel.Information && e.Exception is not null);
        Assert.DoesNotContain(log.Entries, e => e.Message.Contains("   at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stop_on_request_is_exit_code_0()
    {
        await using var app = Build(new ExceptionLog(), _ => { });
        using var stop = new CancellationTokenSource();
        var error = new StringWriter();

        var run = RunningBot.RunAsync(app, error, stop.Token);
        await WaitForStartAsync(app);
        await stop.CancelAsync();

        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal("", error.ToString());
    }

    [Fact]
    public async Task A_fatal_stop_while_the_bot_is_still_starting_is_exit_code_3_with_only_its_reason()
    {
        // A token refused within milliseconds of start-up: the stop cancels the rest of the start (the web
        // server's bind throws TaskCanceledException). That is the fatal stop, not a failure to start.
        await using var app = Build(new ExceptionLog(), services => services.AddHostedService<RefusedAtStart>());
        var error = new StringWriter();

        var exitCode = await RunningBot.RunAsync(app, error, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(FatalStop.PlatformRefused, exitCode);
        Assert.Equal($"error: {RefusedAtStart.Reason}" + Environment.NewLine, error.ToString());
    }

    [Fact]
    [Trait(TestCategory.Name, TestCategory.Process)]
    public async Task A_port_in_use_names_the_address_and_the_setting_and_exits_2()
    {
        using var occupied = new TcpListener(IPAddress.Loopback, 0);
        occupied.Start();
        var address = $"http://127.0.0.1:{((IPEndPoint)occupied.LocalEndpoint).Port}";

        using var bot = await BotProcess.RunToEndAsync(_work.Path, null, "run", "--config", CliRun.SampleConfig, "--urls", address);
        var error = bot.Error;

        Assert.Equal(2, bot.ExitCode);
        var reason = Assert.Single(error.Split('\n'), line => line.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains(address, reason);
        Assert.Contains("already in use", reason);
        Assert.Contains("--urls", reason);
        Assert.Contains("ASPNETCORE_URLS", reason);
        Assert.DoesNotContain("   at ", error);
        Assert.DoesNotContain("Exception", error);
        Assert.DoesNotContain("error", bot.Output);
    }

    private WebApplication Build(ExceptionLog log, Action<IServiceCollection> addServices)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(log);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = _work.Path });
        builder.AddCourseBotServices(CliRun.SampleConfig);
        addServices(builder.Services);
        var app = builder.Build();
        app.MapCourseBotEndpoints();
        return app;
    }

    private static async Task WaitForStartAsync(WebApplication app)
    {
        var started = new TaskCompletionSource();
        using var registration = app.Lifetime.ApplicationStarted.Register(started.SetResult);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>Stands for any part of the bot that fails, e.g. the scheduler on a cron expression Quartz cannot read.</summary>
    private sealed class FailingService : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Task.Yield();
            throw new FormatException("Invalid Day-of-Week value: 'MNO'");
        }
    }

    /// <summary>Stands for a platform refusing the token while the host is starting (before the web server binds).</summary>
    private sealed class RefusedAtStart(FatalStop fatal) : IHostedService
    {
        public const string Reason = "Slack refused the bot token (invalid_auth)";

        public Task StartAsync(CancellationToken cancellationToken)
        {
            fatal.Stop(Reason);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Every log entry that passes the bot's filters, with its exception.</summary>
    private sealed class ExceptionLog : ILoggerProvider
    {
        public ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(ExceptionLog log) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                log.Entries.Enqueue((logLevel, formatter(state, exception), exception));
        }
    }
}
