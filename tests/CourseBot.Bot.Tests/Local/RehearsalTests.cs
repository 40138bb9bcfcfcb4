using CourseBot.Bot.Delivery;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Local;
using CourseBot.Bot.Scheduling;
using CourseBot.Bot.Storage;
using CourseBot.Bot.Tests.Cli;
using CourseBot.Bot.Tests.Running;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Bot.Tests.Testing;
using CourseBot.Core.Replies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Local;

/// <summary>
/// <c>coursebot run --at 2025-09-08T08:59</c> with the sample course: the real clock is a fake one here, so
/// "a minute later" is one call, and Quartz (which runs on the container's clock) must fire on the shifted time.
/// </summary>
public sealed class RehearsalTests : IAsyncDisposable
{
    private const string Week3Announcement = "── post to local:console (announcement 2025-09-08) ──";
    private static readonly DateTimeOffset Start = new(2025, 9, 8, 8, 59, 0, TimeSpan.FromHours(-5));
    private readonly TempDirectory _work = new();
    private readonly FakeTimeProvider _system = new(new DateTimeOffset(2026, 12, 2, 13, 25, 0, TimeSpan.Zero));
    private readonly CapturedLog _log = new();
    private readonly WatchedWriter _console = new(Week3Announcement);
    private WebApplication? _app;

    private string RealStore => Path.Combine(_work.Path, "data");

    private string RehearsalStore => Path.Combine(_work.Path, "at");

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await StoppedHost.StopAndDisposeAsync(_app);
        }

        _work.Dispose();
    }

    [Fact]
    public async Task The_week_3_announcement_appears_on_the_console_once_at_nine_and_nowhere_else()
    {
        var app = await StartAsync(new Dictionary<string, string?>
        {
            ["Discord:BotToken"] = "a-real-looking-token",
            ["Discord:ApplicationId"] = "1234567890",
            ["Storage:DataDirectory"] = RealStore,
        });

        _system.Advance(TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(Week3Announcement, _console.Text);
        _system.Advance(TimeSpan.FromSeconds(30));
        await _console.Seen.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, _console.Text.Split(Week3Announcement).Length - 1);
        Assert.Contains("Week 3", _console.Text);
        var delivery = Assert.Single(app.Services.GetServices<IPostDelivery<Reply>>());
        Assert.Equal(PostTargets.LocalPlatform, delivery.Platform);
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Discord and Slack tokens are ignored", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(RehearsalStore, StorageOptions.SqliteFileName)));
        Assert.False(Directory.Exists(RealStore));
    }

    [Fact]
    public void An_at_that_is_not_an_iso_time_stops_run_with_exit_code_2_before_anything_starts()
    {
        var run = CliRun.Invoke("run", "--config", CliRun.SampleConfig, "--at", "next monday");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--at \"next monday\" is not an ISO-8601", run.Error);
    }

    private async Task<WebApplication> StartAsync(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddProvider(_log);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddCourseBotServices(CliRun.SampleConfig, new Rehearsal(Start, RehearsalStore));

        // The real clock and terminal, replaced: what run --at builds over them is what is tested.
        builder.Services.AddSingleton<TimeProvider>(new ShiftedTimeProvider(_system, Start));
        builder.Services.AddSingleton(new LocalConsole(new StringReader(""), _console));
        _app = builder.Build();
        _app.MapCourseBotEndpoints();
        await _app.StartAsync();

        // The schedule is made in the background after start; making it again is a no-op, and awaiting it is the signal.
        var catalog = _app.Services.GetRequiredService<CourseCatalog>();
        var sync = _app.Services.GetServices<IHostedService>().OfType<PostScheduleSync>().Single();
        await sync.SyncAsync(catalog.Courses.Single(), CancellationToken.None);
        return _app;
    }

    /// <summary>The terminal's output, with a signal for the first time a given text shows up.</summary>
    private sealed class WatchedWriter(string awaited) : StringWriter
    {
        private readonly TaskCompletionSource _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Seen => _seen.Task;

        public string Text
        {
            get
            {
                lock (this)
                {
                    return ToString();
                }
            }
        }

        public override void Write(string? value)
        {
            lock (this)
            {
                base.Write(value);
                if (ToString().Contains(awaited, StringComparison.Ordinal))
                {
                    _seen.TrySetResult();
                }
            }
        }
    }
}
