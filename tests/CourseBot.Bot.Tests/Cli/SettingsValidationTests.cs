using CourseBot.Bot.Hosting;
using CourseBot.Bot.Tests.Running;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Bot.Tests.Slack;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Tests.Cli;

/// <summary>
/// One validator per settings section: the check before start (<see cref="SettingsCheck"/>) and the host's own
/// start-up validation report the same problem, naming the setting, for the same bad value.
/// </summary>
public sealed class SettingsValidationTests : IDisposable
{
    private const string SlackToken = FakeSlack.BotToken;
    private const string DiscordToken = "discord-settings-test-secret";

    private readonly TempDirectory _work = new();

    public void Dispose() => _work.Dispose();

    public static TheoryData<string, string, string> BadSettings => new()
    {
        { "Posting:GracePeriod", "900d", "Posting:GracePeriod: 900d is longer than 180d, the most it may be; set Posting__GracePeriod to a duration from 0s to 180d" },
        { "Posting:ReconcileInterval", "0.05s", "Posting:ReconcileInterval: 0.05s is shorter than 0.1s, the least it may be; set Posting__ReconcileInterval to a duration from 0.1s to 1d" },
        { "Courses:SourceTimeout", "1h", "Courses:SourceTimeout: 1h is longer than 10m, the most it may be; set Courses__SourceTimeout to a duration from 1s to 10m" },
        { "Storage:Provider", "mysql", "Storage:Provider is 'mysql'; it must be 'sqlite' or 'postgres'." },
        { "Discord:GuildIds:0", "not-a-guild", "Discord:GuildIds: 'not-a-guild' is not a guild id (a snowflake of digits; enable Developer Mode and use Copy Server ID)" },
        { "Discord:Mode", "http", "Discord:PublicKey: required in HTTP mode to verify Discord's signatures (Developer Portal → General Information → Public Key); set Discord__PublicKey" },
        { "Slack:Mode", "http", "Slack:SigningSecret: HTTP mode verifies every request with it (Basic Information → Signing Secret); set Slack__SigningSecret" },
        { "Slack:AppToken", "xoxb-swapped", "Slack:AppToken: an app-level token starts with xapp-" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task The_check_before_start_and_the_host_name_the_same_problem(string setting, string value, string expected)
    {
        var settings = Platforms(setting);
        settings[setting] = value;

        var checkedBefore = SettingsCheck.Problems(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        var atStart = await StartFailuresAsync(settings);

        Assert.Equal(expected, Assert.Single(checkedBefore));
        Assert.Equal(checkedBefore, atStart);
    }

    [Theory]
    [InlineData("Discord:GuildIds:0", "not-a-guild", "Discord:GuildIds: 'not-a-guild' is not a guild id")]
    [InlineData("Slack:Mode", "http", "Slack:SigningSecret: HTTP mode verifies every request with it")]
    public async Task A_bad_platform_setting_stops_the_host_naming_it_without_the_token(string setting, string value, string expected)
    {
        var settings = Platforms(setting);
        settings[setting] = value;

        var failure = Assert.Single(await StartFailuresAsync(settings));

        Assert.StartsWith(expected, failure, StringComparison.Ordinal);
        Assert.DoesNotContain(SlackToken, failure, StringComparison.Ordinal);
        Assert.DoesNotContain(DiscordToken, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Good_settings_of_every_section_pass()
    {
        var settings = Platforms("Discord:");
        foreach (var (key, value) in Platforms("Slack:"))
        {
            settings[key] = value;
        }

        settings["Posting:ReconcileInterval"] = "0.1s";
        settings["Courses:SettleTime"] = "0s";
        settings["Courses:SourceTimeout"] = "10m";

        Assert.Empty(SettingsCheck.Problems(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()));
    }

    /// <summary>
    /// The failures of building, mapping and starting the bot as <c>coursebot run</c> does; empty when it started.
    /// Platform APIs point at a closed loopback port, so a bot that starts reaches nothing.
    /// </summary>
    private async Task<IReadOnlyList<string>> StartFailuresAsync(Dictionary<string, string?> settings)
    {
        settings["Storage:DataDirectory"] = Path.Combine(_work.Path, "data");
        WebApplication? app = null;
        try
        {
            (app, _) = await InProcessBot.StartAsync(settings, CliRun.SampleConfig);
            return [];
        }
        catch (OptionsValidationException e)
        {
            return e.Failures.ToList();
        }
        finally
        {
            if (app is not null)
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }
    }

    /// <summary>Working settings for the platform <paramref name="setting"/> belongs to (none for other sections).</summary>
    private static Dictionary<string, string?> Platforms(string setting) => setting.Split(':')[0] switch
    {
        "Discord" => new()
        {
            ["Discord:BotToken"] = DiscordToken,
            ["Discord:ApplicationId"] = "1100000000000000001",
            ["Discord:ApiBaseUrl"] = "http://127.0.0.1:9/api/v10",
        },
        "Slack" => new()
        {
            ["Slack:BotToken"] = SlackToken,
            ["Slack:AppToken"] = FakeSlack.AppToken,
            ["Slack:ApiBaseUrl"] = "http://127.0.0.1:9/api/",
        },
        _ => [],
    };
}
