using CourseBot.Bot.Discord;
using CourseBot.Bot.Hosting;
using Microsoft.Extensions.Configuration;

namespace CourseBot.Bot.Tests.Discord.Events;

/// <summary>The scheduled-event settings, read by hand (native build) and checked with the setting named.</summary>
public sealed class ScheduledEventSettingsTests
{
    [Fact]
    public void The_settings_are_read_and_the_guild_defaults_to_the_only_command_guild()
    {
        var discord = Read(new()
        {
            ["Discord:ScheduledEvents"] = "true",
            ["Discord:ScheduledEventsWindow"] = "3d",
            ["Discord:ScheduledEventsInterval"] = "30m",
            ["Discord:GuildIds:0"] = "1200000000000000007",
        });

        Assert.True(discord.ScheduledEvents);
        Assert.Equal(TimeSpan.FromDays(3), discord.ScheduledEventsWindow);
        Assert.Equal(TimeSpan.FromMinutes(30), discord.ScheduledEventsInterval);
        Assert.Equal("1200000000000000007", discord.EventsGuild);
        Assert.True(new DiscordOptionsValidator().Validate(null, discord).Succeeded);
    }

    [Fact]
    public void Events_without_a_server_or_with_a_bad_window_are_refused_naming_the_setting()
    {
        var discord = Read(new()
        {
            ["Discord:ScheduledEvents"] = "true",
            ["Discord:ScheduledEventsWindow"] = "0s",
            ["Discord:GuildIds:0"] = "1200000000000000007",
            ["Discord:GuildIds:1"] = "1200000000000000008",
        });

        var result = new DiscordOptionsValidator().Validate(null, discord);

        Assert.True(result.Failed);
        Assert.Contains("set Discord__ScheduledEventsGuildId", result.FailureMessage);
        Assert.Contains("Discord:ScheduledEventsWindow", result.FailureMessage);
    }

    private static DiscordOptions Read(Dictionary<string, string?> values)
    {
        values["Discord:BotToken"] = "token";
        values["Discord:ApplicationId"] = "1100000000000000001";
        var section = new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(DiscordOptions.Section);
        return SettingsCheck.Read<DiscordOptions>(section);
    }
}
