namespace CourseBot.Bot.Conversation;

/// <summary>An autocomplete choice: what the user sees and the value that is sent back.</summary>
public sealed record Choice(string Name, string Value);
