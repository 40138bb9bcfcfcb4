using CourseBot.Bot.Hosting;
using CourseBot.Bot.Tests.Discord.Fakes;
using CourseBot.Bot.Tests.Scheduling;
using Microsoft.Extensions.DependencyInjection;

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
    public async Task An_accepted_bot_token_lets_the_bot_run()
    {
        await using var bot = await SlackBotHost.StartAsync(_slack, _data.Path);

        await Eventually.WaitForAsync(() => _slack.To("auth.test").FirstOrDefault(), "auth.test");
        Assert.True(_slack.Violations.IsEmpty, string.Join("\n", _slack.Violations));
        Assert.Null(bot.Services.GetRequiredService<FatalStop>().Reason);
    }
}
