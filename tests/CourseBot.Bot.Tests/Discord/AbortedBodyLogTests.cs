using CourseBot.Bot.Hosting;
using CourseBot.Bot.Tests.Discord.Fakes;
using CourseBot.Bot.Tests.Running;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Bot.Tests.Slack;
using CourseBot.Bot.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Discord;

/// <summary>
/// Log amplification: strangers aborting requests halfway through the body cost one warning line a
/// minute (no error, no stack trace), on both platforms' endpoints.
/// </summary>
public sealed class AbortedBodyLogTests : IAsyncLifetime
{
    /// <summary>Enough that a reset lands at every point of a read (before, during, after it).</summary>
    private const int AbortedInTheFirstMinute = 20;

    private readonly TempDirectory _data = new();
    private readonly CapturedLog _log = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 9, 10, 15, 0, 0, TimeSpan.Zero));
    private FakeDiscordApi _discord = null!;
    private FakeSlack _slack = null!;

    public async Task InitializeAsync()
    {
        _discord = await FakeDiscordApi.StartAsync();
        _slack = await FakeSlack.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _slack.DisposeAsync();
        await _discord.DisposeAsync();
        _data.Dispose();
    }

    [Theory]
    [InlineData("/discord/interactions")]
    [InlineData("/slack/events")]
    [InlineData("/slack/commands")]
    public async Task Aborted_bodies_cost_one_warning_line_a_minute_with_a_count_and_no_error(string path)
    {
        var (services, address, stop) = await StartAsync(path);
        try
        {
            var dropped = services.GetRequiredService<IncompleteBodies>();
            for (var i = 1; i <= AbortedInTheFirstMinute; i++)
            {
                await AbortedRequest.SendAsync(address, path, reset: i % 2 == 0);
                await Eventually.WaitForAsync(() => dropped.Total >= i ? "" : null, $"aborted request {i} to be dropped");
            }

            _clock.Advance(IncompleteBodies.Interval);
            await AbortedRequest.SendAsync(address, path, reset: true);
            await Eventually.WaitForAsync(() => dropped.Total > AbortedInTheFirstMinute ? "" : null, "the request after a minute to be dropped");
        }
        finally
        {
            // Stopping waits for every connection to end, so whatever the server logs about them is in.
            await stop();
        }

        var lines = Loud(path);
        Assert.True(lines.Count == 2, string.Join("\n", lines));
        Assert.All(lines, l => Assert.Equal((LogLevel.Warning, typeof(IncompleteBodies).FullName), (l.Level, l.Category)));
        Assert.Contains(path, lines[0].Message);
        Assert.Contains("0 more", lines[0].Message);
        Assert.Contains($"{AbortedInTheFirstMinute - 1} more", lines[1].Message);
        Assert.DoesNotContain(_log.Entries, e => e.Level >= LogLevel.Error);
    }

    /// <summary>
    /// What an operator sees at the default level (warnings and worse) about requests: from the web
    /// server, or naming the path. Start-up warnings about the sample course are not about requests.
    /// </summary>
    private List<(LogLevel Level, string Category, string Message)> Loud(string path) => _log.Entries
        .Where(e => e.Level >= LogLevel.Warning)
        .Where(e => e.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || e.Message.Contains(path, StringComparison.Ordinal))
        .ToList();

    private async Task<(IServiceProvider Services, Uri Address, Func<Task> Stop)> StartAsync(string path)
    {
        void Replace(IServiceCollection services)
        {
            services.AddSingleton<TimeProvider>(_clock);
            services.AddSingleton<ILoggerProvider>(_log);
        }

        if (path.StartsWith("/discord", StringComparison.Ordinal))
        {
            var discord = await DiscordBotHost.StartAsync(_discord, _data.Path, replace: Replace);
            return (discord.Services, discord.Http.BaseAddress!, () => discord.DisposeAsync().AsTask());
        }

        var slack = await SlackBotHost.StartAsync(_slack, _data.Path, replace: Replace);
        return (slack.Services, slack.Http.BaseAddress!, () => slack.DisposeAsync().AsTask());
    }
}
