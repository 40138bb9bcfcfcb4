using CourseBot.Bot.Hosting;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Bot.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CourseBot.Bot.Tests.Slack;

/// <summary>The bot token is checked with auth.test at start-up; a refused one stops the bot with the reason.</summary>
public sealed class SlackTokenCheckTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private FakeSlack _slack = null!;

    public async Task InitializeAsync() => _slack = await FakeSlack.StartAsync();

    public async Task DisposeAsync()
    {
        await _slack.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task A_refused_bot_token_is_a_fatal_stop_with_exit_code_3()
    {
        await using var bot = await SlackBotHost.StartAsync(_slack, _data.Path, botToken: "xoxb-revoked");

        var fatal = bot.Services.GetRequiredService<FatalStop>();
        var reason = await Eventually.WaitForAsync(() => fatal.Reason, "the fatal stop");
        Assert.Contains("invalid_auth", reason);
        Assert.Contains("Slack__BotToken", reason);
        Assert.Equal(FatalStop.PlatformRefused, fatal.ExitCode);
        Assert.Equal("xoxb-revoked", Assert.Single(_slack.To("auth.test")).Token);
    }

    [Fact]
    public async Task A_token_refused_before_the_web_server_listens_is_the_same_fatal_stop()
    {
        // What a loaded machine does by chance: auth.test is answered before the web server binds, so the
        // stop cancels the rest of the start. Here the start is held until then.
        await using var bot = await SlackBotHost.StartAsync(_slack, _data.Path, botToken: "xoxb-revoked", replace: services => services.AddHostedService<StartHeldUntilStopping>());

        var fatal = bot.Services.GetRequiredService<FatalStop>();
        Assert.Contains("invalid_auth", fatal.Reason);
        Assert.Equal(FatalStop.PlatformRefused, fatal.ExitCode);
        Assert.Null(bot.Http.BaseAddress);
    }

    [Fact]
    public async Task An_accepted_bot_token_lets_the_bot_run()
    {
        await using var bot = await SlackBotHost.StartAsync(_slack, _data.Path);

        await Eventually.WaitForAsync(() => _slack.To("auth.test").FirstOrDefault(), "auth.test");
        Assert.True(_slack.Violations.IsEmpty, string.Join("\n", _slack.Violations));
        Assert.Null(bot.Services.GetRequiredService<FatalStop>().Reason);
    }

    /// <summary>Starts after the token check and before the web server; finishes only once the host cancels the start (the bot is stopping).</summary>
    private sealed class StartHeldUntilStopping : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var registration = cancellationToken.Register(stopping.SetResult);
            await stopping.Task.WaitAsync(TimeSpan.FromSeconds(60), CancellationToken.None);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
