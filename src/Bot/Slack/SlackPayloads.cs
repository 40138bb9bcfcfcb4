using System.Text.Json.Nodes;

namespace CourseBot.Bot.Slack;

/// <summary>A slash command as Slack sends it (form fields over HTTP, the same names in a Socket Mode payload).</summary>
public sealed record SlashCommand(string Command, string Text, string UserId, string? ChannelId, string? TeamId, Uri? ResponseUrl)
{
    public static SlashCommand From(Func<string, string?> field) => new(
        field("command") ?? "/coursebot",
        field("text") ?? "",
        field("user_id") ?? "",
        field("channel_id"),
        field("team_id"),
        Uri.TryCreate(field("response_url"), UriKind.Absolute, out var url) ? url : null);

    public static SlashCommand From(JsonObject payload) => From(name => payload[name]?.GetValue<string>());

    /// <summary>What the Core grammar reads: "/reading week3", "/coursebot announce 3".</summary>
    public string Line => $"{Command} {Text}".Trim();
}

/// <summary>What a slash command gets back at once: the answer, or a note that it follows.</summary>
public sealed record SlackAck(JsonObject? Body)
{
    public static SlackAck Empty { get; } = new((JsonObject?)null);
}
