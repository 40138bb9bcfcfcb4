using CourseBot.Bot.Tests.Cli;
using CourseBot.Bot.Tests.Running;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Bot.Tests.Testing;

namespace CourseBot.Bot.Tests.Slack;

/// <summary><c>coursebot run</c> refuses Slack settings that cannot work, naming each, before connecting anywhere.</summary>
[Trait(TestCategory.Name, TestCategory.Process)]
public sealed class SlackSettingsTests : IDisposable
{
    private readonly TempDirectory _work = new();

    public void Dispose() => _work.Dispose();

    [Theory]
    [InlineData("http", "Slack:SigningSecret: HTTP mode verifies every request with it")]
    [InlineData("socket", "Slack:AppToken: Socket Mode needs an app-level token")]
    public async Task Missing_secrets_for_the_mode_stop_the_bot_with_exit_code_2(string mode, string expected)
    {
        var environment = new Dictionary<string, string> { ["Slack__BotToken"] = "xoxb-secret-value", ["Slack__Mode"] = mode };
        using var bot = await BotProcess.RunToEndAsync(_work.Path, environment, "run", "--config", CliRun.SampleConfig);
        var error = bot.Error;

        Assert.Equal(2, bot.ExitCode);
        Assert.Contains(expected, error);
        Assert.DoesNotContain("xoxb-secret-value", error);
    }

    [Fact]
    public async Task A_token_of_the_wrong_kind_is_named()
    {
        var environment = new Dictionary<string, string> { ["Slack__BotToken"] = "xapp-swapped", ["Slack__AppToken"] = "xoxb-swapped" };
        using var bot = await BotProcess.RunToEndAsync(_work.Path, environment, "run", "--config", CliRun.SampleConfig);
        var error = bot.Error;

        Assert.Equal(2, bot.ExitCode);
        Assert.Contains("Slack:BotToken: a bot token starts with xoxb-", error);
        Assert.Contains("Slack:AppToken: an app-level token starts with xapp-", error);
    }
}
