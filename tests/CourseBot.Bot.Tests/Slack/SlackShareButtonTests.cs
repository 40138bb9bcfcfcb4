using System.Text.Json.Nodes;
using CourseBot.Bot.Slack;
using CourseBot.Bot.Tests.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Slack;

/// <summary>The share button repeats what the student saw, and never an admin command.</summary>
public sealed class SlackShareButtonTests : IAsyncLifetime
{
    /// <summary>Wednesday of week 3 of the sample term (weeks start Monday 2025-08-25).</summary>
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 9, 10, 15, 0, 0, TimeSpan.Zero));
    private readonly TempDirectory _data = new();
    private FakeSlack _slack = null!;
    private SlackBotHost _bot = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlack.StartAsync();
        _bot = await SlackBotHost.StartAsync(_slack, _data.Path, replace: services => services.AddSingleton<TimeProvider>(_clock));
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _slack.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task Next_week_is_shared_as_the_week_number_it_meant()
    {
        var blocks = await AnswerAsync("/reading", "next week", "USTUDENT01");

        Assert.StartsWith("Week 4", blocks[0]!["text"]!["text"]!.GetValue<string>());
        var button = blocks[^1]!["elements"]![0]!;
        Assert.Equal(SlackCommandHandler.ShareAction, button["action_id"]!.GetValue<string>());
        Assert.Equal("/coursebot reading week 4", button["value"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("announce preview")]
    [InlineData("announce 3 preview")]
    public async Task An_admin_preview_has_no_share_button(string text)
    {
        var blocks = await AnswerAsync("/coursebot", text, SlackBotHost.Admin);

        Assert.NotEmpty(blocks);
        Assert.DoesNotContain(SlackCommandHandler.ShareAction, blocks.ToJsonString());
    }

    private async Task<JsonArray> AnswerAsync(string command, string text, string user)
    {
        var form = SlackBotHost.Form(command, text, user, _slack.ResponseUrl(Guid.NewGuid().ToString("N")));
        using var response = await _bot.SendAsync("/slack/commands", form, "application/x-www-form-urlencoded", at: _clock.GetUtcNow());
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["blocks"]!.AsArray();
    }
}
