using System.Text.Json;

namespace CourseBot.Bot.Discord.Gateway;

/// <summary>
/// The parts of a MESSAGE_CREATE's message CourseBot reads (resources/message.mdx); everything else is
/// ignored. <see cref="QuestionFor"/> decides whether it is a question to the bot.
/// </summary>
public sealed record GatewayMessage(
    string Id,
    string ChannelId,
    string? GuildId,
    string AuthorId,
    bool FromBot,
    int Type,
    string Content,
    IReadOnlyList<string> Mentions)
{
    /// <summary>DEFAULT and REPLY: messages people type; the others (joins, pins, boosts …) are the system's.</summary>
    private static readonly int[] TypedByPeople = [0, 19];

    public bool IsDirect => GuildId is null;

    /// <summary>
    /// The question this message asks the bot, with the bot's mention taken out; null when it asks none: it
    /// comes from a bot (the bot itself included) or a webhook, or is a system message, or — in a server —
    /// does not mention the bot. In a direct message every message is a question.
    /// </summary>
    public string? QuestionFor(string? botUserId)
    {
        if (FromBot || AuthorId == botUserId || !TypedByPeople.Contains(Type))
        {
            return null;
        }

        if (botUserId is null)
        {
            // Before READY nothing can be told apart; Discord sends no messages before it anyway.
            return null;
        }

        var user = $"<@{botUserId}>";
        var nickname = $"<@!{botUserId}>";
        if (!IsDirect && !Mentions.Contains(botUserId) && !Content.Contains(user, StringComparison.Ordinal) && !Content.Contains(nickname, StringComparison.Ordinal))
        {
            return null;
        }

        return Content.Replace(user, " ", StringComparison.Ordinal).Replace(nickname, " ", StringComparison.Ordinal).Trim();
    }

    /// <summary>Reads a message, or explains what is missing.</summary>
    public static GatewayMessage Parse(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var author = Required(root, "author");
        var mentions = new List<string>();
        if (root.TryGetProperty("mentions", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var user in list.EnumerateArray())
            {
                if (user.ValueKind == JsonValueKind.Object && user.TryGetProperty("id", out var id) && id.GetString() is { } mentioned)
                {
                    mentions.Add(mentioned);
                }
            }
        }

        return new GatewayMessage(
            Required(root, "id").GetString()!,
            Required(root, "channel_id").GetString()!,
            root.TryGetProperty("guild_id", out var guild) && guild.ValueKind == JsonValueKind.String ? guild.GetString() : null,
            Required(author, "id").GetString()!,
            // A webhook's message carries a made-up author: it is no student's question either.
            (author.TryGetProperty("bot", out var bot) && bot.ValueKind == JsonValueKind.True) || (root.TryGetProperty("webhook_id", out var hook) && hook.ValueKind == JsonValueKind.String),
            root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.Number ? type.GetInt32() : 0,
            root.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String ? content.GetString()! : "",
            mentions);
    }

    private static JsonElement Required(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new JsonException($"the message has no '{name}'");
}
