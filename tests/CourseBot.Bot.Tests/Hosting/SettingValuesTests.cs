using CourseBot.Bot.Discord;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Scheduling;
using CourseBot.Bot.Slack;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Tests.Hosting;

/// <summary>Settings are read by hand (no reflection binder in the native build): every kind of value, and its error.</summary>
public sealed class SettingValuesTests
{
    [Fact]
    public void Every_kind_of_setting_is_read_over_its_default()
    {
        var section = Configuration(new()
        {
            ["Discord:BotToken"] = "token",
            ["Discord:Mode"] = "http",
            ["Discord:GuildIds:0"] = "111",
            ["Discord:GuildIds:1"] = "222",
            ["Discord:ApiBaseUrl"] = "http://127.0.0.1:9/api",
            ["Discord:RetryBackoff"] = "3s",
        }).GetSection(DiscordOptions.Section);

        var discord = SettingsCheck.Read<DiscordOptions>(section);

        Assert.Equal("token", discord.BotToken);
        Assert.Equal(DiscordMode.Http, discord.Mode);
        Assert.Equal(["111", "222"], discord.GuildIds);
        Assert.Equal(new Uri("http://127.0.0.1:9/api"), discord.ApiBaseUrl);
        Assert.Equal(TimeSpan.FromSeconds(3), discord.RetryBackoff);
        Assert.Null(discord.PublicKey);
    }

    [Theory]
    [InlineData("Discord:Mode", "webhook", "Discord__Mode: \"webhook\" is not a valid discordmode value")]
    [InlineData("Slack:Mode", "sockets", "Slack__Mode: \"sockets\" is not a valid slackmode value")]
    [InlineData("Courses:SettleTime", "-5s", "Courses__SettleTime: \"-5s\" is not a duration; write ")]
    public void A_value_of_the_wrong_kind_names_the_setting(string key, string value, string expected)
    {
        var problem = Assert.Single(SettingsCheck.Problems(Configuration(new() { [key] = value })));

        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_host_reads_a_bad_duration_with_the_same_message()
    {
        var services = new ServiceCollection();
        services.AddCheckedOptions<PostingOptions, PostingOptionsValidator>(
            Configuration(new() { ["Posting:RetryDelay"] = "soon" }).GetSection(PostingOptions.Section));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<SettingException>(() => provider.GetRequiredService<IOptions<PostingOptions>>().Value);

        Assert.StartsWith("Posting__RetryDelay: \"soon\" is not a duration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_log_format_takes_its_stack_trace_setting_from_configuration()
    {
        var configuration = Configuration(new() { ["Logging:Console:FormatterOptions:StackTraces"] = "true" });
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.UseCourseBotFormat(configuration));
        using var provider = services.BuildServiceProvider();

        Assert.True(provider.GetRequiredService<IOptionsMonitor<CompactLogFormatterOptions>>().CurrentValue.StackTraces);
    }

    [Fact]
    public void A_stack_trace_setting_that_is_not_true_or_false_names_the_setting()
    {
        var configuration = Configuration(new() { ["Logging:Console:FormatterOptions:StackTraces"] = "yes" });
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.UseCourseBotFormat(configuration));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<SettingException>(() => provider.GetRequiredService<IOptionsMonitor<CompactLogFormatterOptions>>().CurrentValue);

        Assert.Equal("Logging__Console__FormatterOptions__StackTraces: \"yes\" is not true or false", error.Message);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
