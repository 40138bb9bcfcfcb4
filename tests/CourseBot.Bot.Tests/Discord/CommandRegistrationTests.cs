using System.Text.Json;
using CourseBot.Bot.Discord.Commands;
using CourseBot.Bot.Tests.Discord.Fakes;
using CourseBot.Bot.Tests.Running;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Bot.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CourseBot.Bot.Tests.Discord;

/// <summary>Commands are registered by bulk overwrite at start-up, and only when their definition changed.</summary>
public sealed class CommandRegistrationTests : WithFakeDiscord
{
    private const string Guild = "1700000000000000001";
    private const string GuildCommands = "/applications/{application_id}/guilds/{guild_id}/commands";

    [Fact]
    public async Task The_first_start_overwrites_the_guilds_commands_and_a_restart_leaves_them_alone()
    {
        await using (var first = await DiscordBotHost.StartAsync(Api, Data.Path, guilds: [Guild]))
        {
            Assert.Equal("registered", await StateAsync(first));
        }

        await using (var second = await DiscordBotHost.StartAsync(Api, Data.Path, guilds: [Guild]))
        {
            Assert.Equal("unchanged", await StateAsync(second));
        }

        var put = Assert.Single(Api.To(GuildCommands));
        Assert.Equal($"/api/v10/applications/{FakeDiscordApi.ApplicationId}/guilds/{Guild}/commands", put.Path);
        Assert.True(Api.Violations.IsEmpty, string.Join("\n", Api.Violations));
        var commands = put.Body!.Value.EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.Equal(["reading", "required", "paper", "search", "schedule", "help", "calendar", "lead", "leads", "announce"], commands.Keys);
        Assert.Equal(32, commands["announce"].GetProperty("default_member_permissions").GetInt64());
        Assert.False(commands["reading"].TryGetProperty("default_member_permissions", out _));
        Assert.True(commands["paper"].GetProperty("options")[0].GetProperty("autocomplete").GetBoolean());
    }

    [Fact]
    public async Task A_changed_definition_is_registered_again()
    {
        await using (var first = await DiscordBotHost.StartAsync(Api, Data.Path, guilds: [Guild]))
        {
            await StateAsync(first);
        }

        // What an older CourseBot registered: a different hash on record.
        var record = Assert.Single(Directory.GetFiles(Data.Path, "discord-commands-*.sha256"));
        await File.WriteAllTextAsync(record, new string('0', 64));

        await using var second = await DiscordBotHost.StartAsync(Api, Data.Path, guilds: [Guild]);
        Assert.Equal("registered", await StateAsync(second));
        Assert.Equal(2, Api.To(GuildCommands).Count());
        Assert.Equal(DiscordCommands.Hash, (await File.ReadAllTextAsync(record)).Trim());
    }

    [Fact]
    public async Task Without_guilds_the_commands_are_registered_globally()
    {
        await using var bot = await DiscordBotHost.StartAsync(Api, Data.Path);

        Assert.Equal("registered", await StateAsync(bot, "global"));
        Assert.Single(Api.To("/applications/{application_id}/commands"));
        Assert.Empty(Api.To(GuildCommands));
    }

    [Fact]
    public async Task A_guild_that_refuses_is_reported_on_readyz_and_the_bot_keeps_serving()
    {
        Api.Intercept = (request, _) => request.Template == GuildCommands ? FakeDiscordApi.Error(403, 50001, "Missing Access") : null;
        await using var bot = await DiscordBotHost.StartAsync(Api, Data.Path, guilds: [Guild]);

        var state = await StateAsync(bot);

        Assert.StartsWith("failed: not allowed in guild", state);
        Assert.Contains("applications.commands", state);
        using var ready = JsonDocument.Parse(await bot.Http.GetStringAsync("/readyz"));
        Assert.StartsWith("failed", ready.RootElement.GetProperty("discord").GetProperty("commands").GetProperty(Guild).GetString());
        using var pong = await bot.SendAsync(InteractionJson.Ping());
        Assert.True(pong.IsSuccessStatusCode);
    }

    [Fact]
    public async Task A_course_without_a_discord_channel_is_named_at_start_up()
    {
        var log = new CapturedLog();
        await using var bot = await DiscordBotHost.StartAsync(Api, Data.Path, replace: services => services.AddSingleton<ILoggerProvider>(log));

        var warning = Assert.Single(log.Entries, e => e.Category.EndsWith("ChannelsCheck", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("Course cs395t names no discord channel", warning.Message);
        Assert.Contains("channels.discord", warning.Message);
    }

    private static async Task<string> StateAsync(DiscordBotHost bot, string scope = Guild)
    {
        var registration = bot.Services.GetRequiredService<CommandRegistration>();
        return await Eventually.WaitForAsync(() => registration.States.TryGetValue(scope, out var state) && state != "pending" ? state : null, "registration to finish");
    }
}
