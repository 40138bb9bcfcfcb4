using System.Text.Json.Nodes;
using CourseBot.Bot.Slack;

namespace CourseBot.Bot.Tests.Slack;

/// <summary>The share button repeats what the student saw, and never an admin command.</summary>
public sealed class SlackShareButtonTests : SlackBotOnClock
{
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
        var form = SlackBotHost.Form(command, text, user, Slack.ResponseUrl(Guid.NewGuid().ToString("N")));
        using var response = await Bot.SendAsync("/slack/commands", form, "application/x-www-form-urlencoded", at: Clock.GetUtcNow());
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["blocks"]!.AsArray();
    }
}
