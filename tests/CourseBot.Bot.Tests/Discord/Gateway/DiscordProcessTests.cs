using CourseBot.Bot.Discord.Gateway;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Tests.Cli;
using CourseBot.Bot.Tests.Discord.Fakes;
using CourseBot.Bot.Tests.Running;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Bot.Tests.Testing;

namespace CourseBot.Bot.Tests.Discord.Gateway;

/// <summary><c>coursebot run</c> as a real process configured for Discord through the environment.</summary>
[Trait(TestCategory.Name, TestCategory.Process)]
public sealed class DiscordProcessTests : IDisposable
{
    private readonly TempDirectory _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task A_token_discord_refuses_ends_the_process_with_exit_code_3_and_the_reason()
    {
        await using var api = await FakeDiscordApi.StartAsync();
        await using var gateway = await FakeDiscordGateway.StartAsync();
        api.GatewayUrl = gateway.Url;
        using var bot = BotProcess.Start(_work.Path, Environment(api), "run", "--config", CliRun.SampleConfig, "--urls", "http://127.0.0.1:0");

        // A whole process starts first (runtime, course, storage): on a busy machine that alone can take
        // longer than the usual 15 s, so wait longer, but not at all once the process has ended.
        await bot.WaitForPrintedAsync(_ => gateway.Frames(GatewayOpcode.Identify).FirstOrDefault(), "identifying");
        await gateway.CloseAsync(4004);
        await bot.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(FatalStop.PlatformRefused, bot.ExitCode);
        Assert.Contains("4004 (authentication failed)", bot.Error);
        Assert.DoesNotContain(FakeDiscordApi.Token, bot.Error + bot.Output);
    }

    [Fact]
    public async Task Http_mode_without_a_public_key_is_refused_at_start_with_exit_code_2()
    {
        var environment = new Dictionary<string, string>
        {
            ["Discord__BotToken"] = "some-token",
            ["Discord__Mode"] = "http",
            ["Discord__GuildIds__0"] = "not-a-guild",
        };
        using var bot = await BotProcess.RunToEndAsync(_work.Path, environment, "run", "--config", CliRun.SampleConfig);
        var error = bot.Error;

        Assert.Equal(2, bot.ExitCode);
        Assert.Contains("Discord:ApplicationId: required", error);
        Assert.Contains("Discord:PublicKey: required in HTTP mode", error);
        Assert.Contains("'not-a-guild' is not a guild id", error);
        Assert.DoesNotContain("some-token", error);
    }

    private Dictionary<string, string> Environment(FakeDiscordApi api) => new()
    {
        ["Discord__BotToken"] = FakeDiscordApi.Token,
        ["Discord__ApplicationId"] = FakeDiscordApi.ApplicationId,
        ["Discord__ApiBaseUrl"] = api.ApiBaseUrl.ToString(),
        ["Storage__DataDirectory"] = Path.Combine(_work.Path, "data"),
    };
}
