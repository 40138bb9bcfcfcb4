using CourseBot.Bot.Hosting;
using CourseBot.Bot.Http;
using CourseBot.Bot.Tests.Cli;
using CourseBot.Bot.Tests.Running;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Bot.Tests.Testing;
using Microsoft.Extensions.Configuration;

namespace CourseBot.Bot.Tests.Calendar;

/// <summary><c>Http__PublicBaseUrl</c>: an absolute http(s) address, or the bot refuses to start naming the setting.</summary>
public sealed class PublicBaseUrlSettingTests
{
    [Theory]
    [InlineData("bot.example.edu")]
    [InlineData("/calendar")]
    [InlineData("ftp://bot.example.edu/")]
    [InlineData("https://bot.example.edu/?feed=1")]
    [InlineData("https://user@bot.example.edu/")]
    public void A_bad_public_address_is_a_settings_problem_naming_the_setting(string value)
    {
        var problem = Assert.Single(SettingsCheck.Problems(Settings(value)));

        Assert.StartsWith("Http:PublicBaseUrl: '", problem, StringComparison.Ordinal);
        Assert.Contains("set Http__PublicBaseUrl to the address students reach the bot at", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://bot.example.edu", "https://bot.example.edu/")]
    [InlineData("http://127.0.0.1:8080/coursebot", "http://127.0.0.1:8080/coursebot/")]
    [InlineData("  ", null)]
    public void A_good_or_empty_public_address_is_accepted(string value, string? baseAddress)
    {
        Assert.Empty(SettingsCheck.Problems(Settings(value)));
        Assert.Equal(baseAddress, SettingsCheck.Read<HttpOptions>(Settings(value).GetSection(HttpOptions.Section)).BaseAddress?.AbsoluteUri);
    }

    private static IConfiguration Settings(string value) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Http:PublicBaseUrl"] = value }).Build();
}

/// <summary><c>coursebot run</c> with a bad <c>Http__PublicBaseUrl</c> stops before starting, saying which setting.</summary>
[Trait(TestCategory.Name, TestCategory.Process)]
public sealed class PublicBaseUrlProcessTests : IDisposable
{
    private readonly TempDirectory _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task A_bad_public_address_stops_the_bot_with_exit_code_2()
    {
        var environment = new Dictionary<string, string> { ["Http__PublicBaseUrl"] = "bot.example.edu" };
        using var bot = await BotProcess.RunToEndAsync(_work.Path, environment, "run", "--config", CliRun.SampleConfig);

        Assert.Equal(2, bot.ExitCode);
        Assert.Contains("Http:PublicBaseUrl: 'bot.example.edu' is not an absolute http(s) URL; set Http__PublicBaseUrl", bot.Error, StringComparison.Ordinal);
    }
}
