using System.Text.Json.Nodes;

namespace CourseBot.Bot.Tests.Slack;

/// <summary>The fake's Block Kit check refuses what Slack refuses, so the other tests can fail on a wrong limit.</summary>
public sealed class FakeSlackLimitsTests
{
    [Theory]
    [InlineData("blocks")]
    [InlineData("header")]
    [InlineData("header-markdown")]
    [InlineData("section")]
    [InlineData("fields")]
    [InlineData("block_id")]
    [InlineData("button")]
    [InlineData("total")]
    public void Each_documented_limit_is_enforced_one_past_it(string limit)
    {
        var blocks = limit switch
        {
            "blocks" => new JsonArray([.. Enumerable.Range(0, 51).Select(_ => Section("x"))]),
            "header" => new JsonArray(Header(new string('h', 151))),
            "header-markdown" => new JsonArray(new JsonObject { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = "h" } }),
            "section" => new JsonArray(Section(new string('s', 3001))),
            "fields" => new JsonArray(new JsonObject { ["type"] = "section", ["fields"] = new JsonArray([.. Enumerable.Range(0, 11).Select(_ => (JsonNode)new JsonObject { ["type"] = "mrkdwn", ["text"] = "f" })]) }),
            "block_id" => new JsonArray(new JsonObject { ["type"] = "divider", ["block_id"] = new string('b', 256) }),
            "button" => new JsonArray(Button(new string('v', 2001))),
            _ => new JsonArray([.. Enumerable.Range(0, 5).Select(_ => Section(new string('t', 2500)))]),
        };

        Assert.NotEmpty(FakeSlack.BlockProblems(blocks, FakeSlack.MessageBlocks));
    }

    [Fact]
    public void Blocks_at_the_limits_pass()
    {
        var blocks = new JsonArray([Header(new string('h', 150)), Section(new string('s', 3000)), Button(new string('v', 2000)), new JsonObject { ["type"] = "divider", ["block_id"] = new string('b', 255) }]);

        Assert.Empty(FakeSlack.BlockProblems(blocks, FakeSlack.MessageBlocks));
        Assert.Empty(FakeSlack.BlockProblems(new JsonArray([.. Enumerable.Range(0, 100).Select(_ => Section("x"))]), FakeSlack.ViewBlocks));
    }

    private static JsonNode Section(string text) => new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = text } };

    private static JsonNode Header(string text) => new JsonObject { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = text } };

    private static JsonNode Button(string value) => new JsonObject
    {
        ["type"] = "actions",
        ["elements"] = new JsonArray(new JsonObject { ["type"] = "button", ["action_id"] = "a", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Share" }, ["value"] = value }),
    };
}
