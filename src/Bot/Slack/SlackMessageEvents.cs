using System.Text.Json.Nodes;

namespace CourseBot.Bot.Slack;

/// <summary>
/// Handles one kind of Slack event, whichever transport brought it (HTTP Events API or Socket Mode):
/// the shape of SlackNet's <c>IEventHandler&lt;T&gt;</c>. Called after the delivery was acknowledged.
/// </summary>
public interface ISlackEventHandler<in TEvent>
{
    Task HandleAsync(TEvent slackEvent, CancellationToken cancellationToken);
}

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

/// <summary><c>app_mention</c>: someone wrote <c>@CourseBot …</c> in a channel the bot is in.</summary>
public sealed record AppMention(SlackChatMessage Message);

/// <summary><c>message</c> with <c>channel_type: im</c>: a direct message to the app (its Messages tab).</summary>
public sealed record DirectMessage(SlackChatMessage Message);

/// <summary>Answers a mention in the thread of the message that mentioned the bot.</summary>
public sealed class SlackMentionHandler(SlackQuestions questions) : ISlackEventHandler<AppMention>
{
    public Task HandleAsync(AppMention slackEvent, CancellationToken cancellationToken) =>
        questions.AnswerAsync(slackEvent.Message, inThread: true, cancellationToken);
}

/// <summary>Answers a direct message in the direct-message channel itself.</summary>
public sealed class SlackDirectMessageHandler(SlackQuestions questions) : ISlackEventHandler<DirectMessage>
{
    public Task HandleAsync(DirectMessage slackEvent, CancellationToken cancellationToken) =>
        questions.AnswerAsync(slackEvent.Message, inThread: false, cancellationToken);
}
