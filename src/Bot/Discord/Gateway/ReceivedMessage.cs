namespace CourseBot.Bot.Discord.Gateway;

/// <summary>
/// A new message as the gateway delivered it (the raw JSON of a MESSAGE_CREATE's message object), and the
/// bot's own user id at that moment (from READY; null before it).
/// </summary>
public sealed record ReceivedMessage(ReadOnlyMemory<byte> Json, string? BotUserId);
