using System.Net;
using System.Text.Json.Nodes;
using CourseBot.Bot.Delivery;
using CourseBot.Bot.Rendering;
using CourseBot.Bot.Slack;
using CourseBot.Bot.Tests.Testing;
using CourseBot.Core.Replies;
using Microsoft.Extensions.DependencyInjection;

namespace CourseBot.Bot.Tests.Slack;

/// <summary>
/// A reply's buttons and menus on Slack: posted in a channel as Block Kit that Slack accepts, and their
/// clicks (<c>block_actions</c>) answered privately through the click's <c>response_url</c>.
/// </summary>
public sealed class SlackActionTests : SlackBotOnClock
{
    [Fact]
    public async Task A_post_carries_a_button_and_a_menu_and_slack_accepts_it()
    {
        var delivery = Bot.Services.GetRequiredService<SlackPostDelivery>();
        var reply = new Reply("Week 3", [new ReplyBlock.Paragraph(new Span.Text("Sign-ups are open")), new ReplyBlock.Actions(
            new ReplyAction.Button("Lead a paper", "/reading week 3"),
            new ReplyAction.Select("Choose a paper", [new ReplyOption("HybridFlow", "Tue Sep 9", "/reading week 3"), new ReplyOption("DistServe", null, "/paper distserve-osdi24")]))], TimeZoneInfo.Utc);

        await delivery.PostAsync(new PostKey("cs395t", "week-2025-09-08", "announcement", "slack", "C0COURSE"), reply, CancellationToken.None);

        Assert.True(Slack.Violations.IsEmpty, string.Join("\n", Slack.Violations));
        var blocks = Assert.Single(Slack.To("chat.postMessage")).Body["blocks"]!.AsArray();
        var elements = blocks[^1]!["elements"]!.AsArray();
        Assert.Equal("/reading week 3", elements[0]!["value"]!.GetValue<string>());
        Assert.Equal("/paper distserve-osdi24", elements[1]!["options"]![1]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Clicking_a_button_for_reading_week_3_answers_week_3_privately_without_touching_the_message()
    {
        var answer = await ClickAsync(new JsonObject { ["type"] = "button", ["action_id"] = SlackReplyRenderer.CommandAction + "0", ["value"] = "/reading week 3" });

        Assert.Equal("ephemeral", answer["response_type"]!.GetValue<string>());
        Assert.False(answer["replace_original"]!.GetValue<bool>());
        Assert.StartsWith("Week 3 · LLM Post-Training for Alignment", answer["blocks"]![0]!["text"]!["text"]!.GetValue<string>());
        Assert.Contains("HybridFlow", answer.ToJsonString());
    }

    [Fact]
    public async Task Choosing_a_menu_option_answers_that_options_command_privately()
    {
        var answer = await ClickAsync(new JsonObject
        {
            ["type"] = "static_select", ["action_id"] = SlackReplyRenderer.CommandAction + "1",
            ["selected_option"] = new JsonObject { ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Week 4" }, ["value"] = "/reading week 4" },
        });

        Assert.Equal("ephemeral", answer["response_type"]!.GetValue<string>());
        Assert.StartsWith("Week 4 · Efficient LLM Serving", answer["blocks"]![0]!["text"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_compacted_value_is_answered_like_the_command_it_carries()
    {
        var answer = await ClickAsync(new JsonObject { ["type"] = "button", ["action_id"] = SlackReplyRenderer.CommandAction + "0", ["value"] = ActionCommand.Encode("/paper distserve-osdi24", 150, number: 1) });

        Assert.Contains("DistServe", answer.ToJsonString());
    }

    [Theory]
    [InlineData("lead:42")]
    [InlineData("~garbled")]
    [InlineData(null)]
    public async Task A_garbled_value_gets_a_clear_private_error(string? value)
    {
        var answer = await ClickAsync(new JsonObject { ["type"] = "button", ["action_id"] = SlackReplyRenderer.CommandAction + "0", ["value"] = value });

        Assert.Equal("ephemeral", answer["response_type"]!.GetValue<string>());
        Assert.Contains("This button no longer works", answer.ToJsonString());
    }

    /// <summary>The first answer through the click's response_url; every body checked against Block Kit's limits.</summary>
    private async Task<JsonObject> ClickAsync(JsonObject action)
    {
        var payload = new JsonObject
        {
            ["type"] = "block_actions", ["user"] = new JsonObject { ["id"] = "USTUDENT01" }, ["channel"] = new JsonObject { ["id"] = "C0COURSE" },
            ["team"] = new JsonObject { ["id"] = "T0FAKE" }, ["response_url"] = Slack.ResponseUrl(Guid.NewGuid().ToString("N")).ToString(),
            ["actions"] = new JsonArray(action),
        };
        using var response = await Bot.SendAsync("/slack/interactivity", "payload=" + Uri.EscapeDataString(payload.ToJsonString()), "application/x-www-form-urlencoded", at: Clock.GetUtcNow());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        var answer = await Eventually.WaitForAsync(() => Slack.Responses.FirstOrDefault(), "the answer through response_url");
        Assert.True(Slack.Violations.IsEmpty, string.Join("\n", Slack.Violations));
        return answer;
    }
}
