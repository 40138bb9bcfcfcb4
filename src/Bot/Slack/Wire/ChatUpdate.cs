using System.Text.Json.Serialization;

namespace CourseBot.Bot.Slack.Wire;

/// <summary>
/// <c>chat.update</c>: the message's new text and blocks. Its metadata (the post's ledger token) is left
/// out, so Slack keeps it: the edited message is still found by <c>conversations.history</c>.
/// </summary>
public sealed record UpdateMessageRequest(
    [property: JsonPropertyName("channel")] string Channel,
    [property: JsonPropertyName("ts")] string Ts,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("blocks")] IReadOnlyList<Block> Blocks);
