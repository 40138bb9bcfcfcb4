using System.Text.Json;
using System.Text.Json.Nodes;
using CourseBot.Bot.Slack.Wire;

namespace CourseBot.Bot.Tests.Slack;

/// <summary>Typed Slack bodies as the JSON Slack receives, for tests that inspect it field by field.</summary>
public static class SlackWireJson
{
    public static JsonArray Json(this IReadOnlyList<Block> blocks) =>
        JsonSerializer.SerializeToNode(blocks, SlackJson.Default.IReadOnlyListBlock)!.AsArray();

    public static JsonObject Json(this SlackResponse body) =>
        JsonSerializer.SerializeToNode(body, SlackJson.Default.SlackResponse)!.AsObject();
}
