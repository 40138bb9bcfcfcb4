namespace CourseBot.Bot.Slack;

/// <summary><c>app_mention</c>: someone wrote <c>@CourseBot …</c> in a channel the bot is in.</summary>
public sealed record AppMention(SlackChatMessage Message);
