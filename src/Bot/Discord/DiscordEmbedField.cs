namespace CourseBot.Bot.Discord;

/// <summary>A titled block of an embed.</summary>
public sealed record DiscordEmbedField(string Name, string Value);
