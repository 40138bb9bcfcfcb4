using System.Text.Json;
using System.Text.Json.Nodes;
using CourseBot.Bot.Discord.Gateway;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Tests.Discord.Fakes;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Bot.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CourseBot.Bot.Tests.Discord.Gateway;

/// <summary>The whole bot in gateway mode: the URL from REST, the interaction from the socket, the answer by callback.</summary>
public sealed class GatewayEndToEndTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private FakeDiscordApi _api = null!;
    private FakeDiscordGateway _gateway = null!;
    private DiscordBotHost _bot = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeDiscordApi.StartAsync();
        _gateway = await FakeDiscordGateway.StartAsync();
        _api.GatewayUrl = _gateway.Url;
        _bot = await DiscordBotHost.StartAsync(_api, _data.Path, mode: "gateway");
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _gateway.DisposeAsync();
        await _api.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task A_slash_command_over_the_gateway_is_answered_and_the_bot_reports_ready()
    {
        await Eventually.WaitForAsync(() => _gateway.Frames(GatewayOpcode.Identify).FirstOrDefault(), "Identify");
        var client = _bot.Services.GetRequiredService<DiscordGatewayClient>();
        await Eventually.WaitForAsync(() => client.State == GatewayState.Ready ? "ready" : null);

        await _gateway.DispatchAsync("INTERACTION_CREATE", JsonNode.Parse(InteractionJson.Command("reading", ("week", "3"))));

        var callback = await Eventually.WaitForAsync(() => _api.To("/interactions/{interaction_id}/{interaction_token}/callback").FirstOrDefault(), "the callback");
        Assert.Contains("HybridFlow", callback.Body!.Value.GetRawText());
        Assert.True(_api.Violations.IsEmpty, string.Join("\n", _api.Violations));
        Assert.Single(_api.To("/gateway/bot"));
        using var ready = JsonDocument.Parse(await _bot.Http.GetStringAsync("/readyz"));
        var discord = ready.RootElement.GetProperty("discord");
        Assert.Equal("gateway", discord.GetProperty("mode").GetString());
        Assert.Equal("ready", discord.GetProperty("gateway").GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_refused_token_stops_the_whole_bot_with_a_clear_reason()
    {
        await Eventually.WaitForAsync(() => _gateway.Frames(GatewayOpcode.Identify).FirstOrDefault(), "Identify");
        var stopping = _bot.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

        await _gateway.CloseAsync(4004);

        var reason = await Eventually.WaitForAsync(() => _bot.Services.GetRequiredService<FatalStop>().Reason, "the fatal stop");
        Assert.Contains("4004 (authentication failed)", reason);
        Assert.Contains("Discord__BotToken", reason);
        Assert.Equal(FatalStop.PlatformRefused, _bot.Services.GetRequiredService<FatalStop>().ExitCode);
        await Eventually.WaitForAsync(() => stopping.IsCancellationRequested ? "stopping" : null, "the host to stop");
    }
}
