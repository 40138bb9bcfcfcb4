namespace CourseBot.Bot.Slack;

/// <summary><c>message</c> with <c>channel_type: im</c>: a direct message to the app (its Messages tab).</summary>
public sealed record DirectMessage(SlackChatMessage Message);
