using System.Text.Json.Nodes;

namespace CourseBot.Bot.Slack;

/// <summary>
/// A message as the Events API describes it (<c>app_mention</c>, <c>message</c>): who wrote what where.
/// <see cref="BotId"/> and <see cref="Subtype"/> are set for bots' messages, edits, deletions and the like.
/// </summary>
public sealed record SlackChatMessage(
    string? User,
    string Channel,
    string Text,
    string Ts,
    string? ThreadTs,
    string? Team,
    string? BotId,
    string? Subtype)
{
    /// <summary>The fields of an event's <c>event</c> object; null when it names no channel or timestamp.</summary>
    /// <exception cref="SlackPayloadException">A field is not of the type Slack documents.</exception>
    public static SlackChatMessage? From(JsonObject inner, string? team) =>
        SlackFields.Text(inner, "channel") is { } channel && SlackFields.Text(inner, "ts") is { } ts
            ? new SlackChatMessage(
                SlackFields.Text(inner, "user"),
                channel,
                SlackFields.Text(inner, "text") ?? "",
                ts,
                SlackFields.Text(inner, "thread_ts"),
                SlackFields.Text(inner, "team") ?? team,
                SlackFields.Text(inner, "bot_id"),
                SlackFields.Text(inner, "subtype"))
            : null;
}
