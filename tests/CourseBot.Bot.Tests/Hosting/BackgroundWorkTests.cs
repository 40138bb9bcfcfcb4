using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using CourseBot.Bot.Discord.Interactions;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Slack;
using CourseBot.Bot.Tests.Conversation;
using CourseBot.Bot.Tests.Discord.Fakes;
using CourseBot.Bot.Tests.Slack;
using CourseBot.Bot.Tests.Testing;
using CourseBot.Core.Replies;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Tests.Hosting;

/// <summary>
/// Work that outlives what started it has one owner: every failure is logged with what the work was,
/// stopping waits for it until the shutdown timeout, and only then is it cancelled.
/// </summary>
public sealed class BackgroundWorkTests
{
    private readonly Log _log = new();

    [Fact]
    public async Task A_task_failing_unexpectedly_is_logged_as_an_error_naming_what_it_was_with_the_exception()
    {
        using var background = new BackgroundWork(_log.For<BackgroundWork>());
        var work = new TaskCompletionSource();

        background.Track(work.Task, "Slack: publishing the Home tab");
        work.SetException(new InvalidOperationException("the view is broken"));
        await background.StopAsync(CancellationToken.None);

        var entry = Assert.Single(_log.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Equal("Slack: publishing the Home tab failed unexpectedly", entry.Message);
        Assert.Equal("the view is broken", entry.Exception?.Message);
    }

    [Fact]
    public async Task A_platform_refusal_is_one_error_line_with_its_message_and_the_exception_only_at_debug()
    {
        using var background = new BackgroundWork(_log.For<BackgroundWork>());

        background.Track(Task.FromException(new SlackApiException("views.publish", "not_authed")), "Slack: publishing the Home tab");
        await background.StopAsync(CancellationToken.None);

        var loud = Assert.Single(_log.Entries, e => e.Level > LogLevel.Debug);
        Assert.Equal(LogLevel.Error, loud.Level);
        Assert.StartsWith("Slack: publishing the Home tab failed: Slack views.publish: not_authed: Slack refused the token", loud.Message);
        Assert.Null(loud.Exception);
        Assert.IsType<SlackApiException>(Assert.Single(_log.Entries, e => e.Level == LogLevel.Debug).Exception);
    }

    /// <summary>Before BackgroundWork, SlackInbound caught only Slack's own exceptions: this one vanished without a line.</summary>
    [Fact]
    public async Task The_home_tab_failing_with_an_exception_that_is_not_Slack_s_is_logged_with_what_it_was()
    {
        using var background = new BackgroundWork(_log.For<BackgroundWork>());
        using var http = new HttpClient(new BrokenHandler());
        var api = new SlackApiClient(http, Options.Create(new SlackOptions { BotToken = FakeSlack.BotToken, ApiBaseUrl = new Uri("http://127.0.0.1:9/api/") }));
        var home = new SlackAppHome(new CourseCatalog(), api, TimeProvider.System, NullLogger<SlackAppHome>.Instance);
        var commands = new SlackCommandHandler(new HeldConversation(new TaskCompletionSource<Reply>().Task), api, Options.Create(new SlackOptions()), TimeProvider.System, background, NullLogger<SlackCommandHandler>.Instance);
        var inbound = new SlackInbound(home, commands, background);

        inbound.Event(JsonNode.Parse("""{"type":"event_callback","event_id":"Ev1","event":{"type":"app_home_opened","user":"U1","tab":"home"}}""")!.AsObject());
        await background.StopAsync(CancellationToken.None);

        var entry = Assert.Single(_log.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Equal((LogLevel.Error, "Slack: publishing the Home tab failed unexpectedly"), (entry.Level, entry.Message));
        Assert.Equal(BrokenHandler.Problem, entry.Exception?.Message);
    }

    [Fact]
    public async Task Stopping_waits_for_tracked_work_and_the_work_is_not_cancelled_meanwhile()
    {
        using var background = new BackgroundWork(_log.For<BackgroundWork>());
        var release = new TaskCompletionSource();
        var work = release.Task.WaitAsync(background.Abandoned);
        background.Track(work, "finishing an answer");
        Assert.Equal(1, background.InFlight);

        var stopping = background.StopAsync(CancellationToken.None);
        Assert.False(stopping.IsCompleted);
        Assert.False(background.Abandoned.IsCancellationRequested);

        release.SetResult();
        await stopping;
        Assert.True(work.IsCompletedSuccessfully);
        Assert.Equal(0, background.InFlight);
        Assert.Empty(_log.Entries);
    }

    [Fact]
    public async Task Stopping_gives_up_when_the_host_s_timeout_ends_the_wait_and_cancels_what_is_left()
    {
        using var background = new BackgroundWork(_log.For<BackgroundWork>());
        var work = Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, background.Abandoned);
        background.Track(work, "finishing an answer");
        using var timeout = new CancellationTokenSource();

        var stopping = background.StopAsync(timeout.Token);
        Assert.False(stopping.IsCompleted);
        await timeout.CancelAsync();
        await stopping;

        Assert.True(work.IsCanceled);
        var warning = Assert.Single(_log.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal("Stopped waiting at the shutdown timeout for 1 unfinished task(s): finishing an answer", warning.Message);
        await Eventually.WaitForAsync(() => _log.Entries.Any(e => e.Message == "finishing an answer stopped: the bot is shutting down") ? "logged" : null, "the cut-short line");
        Assert.DoesNotContain(_log.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task A_host_with_a_short_shutdown_timeout_stops_waiting_for_work_that_never_ends()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(_log);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMilliseconds(200));
        builder.Services.AddSingleton<BackgroundWork>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<BackgroundWork>());
        using var host = builder.Build();
        await host.StartAsync();
        var background = host.Services.GetRequiredService<BackgroundWork>();
        var work = Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, background.Abandoned);
        background.Track(work, "sending a very slow answer");

        await host.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(work.IsCanceled);
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Warning && e.Message.EndsWith("1 unfinished task(s): sending a very slow answer", StringComparison.Ordinal));
    }

    /// <summary>Hosted services stop in reverse order of registration: the owner must stop after everything that feeds it.</summary>
    [Fact]
    public void Background_work_stops_after_the_web_server_and_every_service_that_starts_work()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Discord:BotToken"] = FakeDiscordApi.Token,
            ["Discord:ApplicationId"] = FakeDiscordApi.ApplicationId,
            ["Discord:Mode"] = "gateway",
            ["Slack:BotToken"] = FakeSlack.BotToken,
            ["Slack:AppToken"] = FakeSlack.AppToken,
            ["Slack:Mode"] = "socket",
        });
        builder.AddCourseBotServices(Cli.CliRun.SampleConfig);
        using var app = builder.Build();

        var stopOrder = app.Services.GetServices<IHostedService>().Reverse().Select(s => s.GetType().Name).ToList();

        Assert.Equal(nameof(BackgroundWork), stopOrder[^1]);
        Assert.Contains("GenericWebHostService", stopOrder);
        Assert.Contains(nameof(GatewayInteractionWorker), stopOrder);
        Assert.Contains(nameof(SlackSocketMode), stopOrder);
    }

    /// <summary>A transport that fails in a way Slack's client does not translate (a bug in a proxy, say).</summary>
    private sealed class BrokenHandler : HttpMessageHandler
    {
        public const string Problem = "the proxy sent something that is not HTTP";

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException(Problem);
    }

    /// <summary>Every entry with its exception, to tell a one-line refusal from an unexpected failure.</summary>
    private sealed class Log : ILoggerProvider
    {
        public ConcurrentQueue<(LogLevel Level, string Category, string Message, Exception? Exception)> Entries { get; } = new();

        public ILogger<T> For<T>() => new Entry<T>(this, typeof(T).FullName!);

        public ILogger CreateLogger(string categoryName) => new Entry<object>(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Entry<T>(Log log, string category) : ILogger<T>
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                log.Entries.Enqueue((logLevel, category, formatter(state, exception), exception));
        }
    }
}
