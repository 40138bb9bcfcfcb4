using CourseBot.Bot.Discord.Rest;

namespace CourseBot.Bot.Discord;

/// <summary>Rendered messages as request bodies: embeds, no pings, and the flags, nonce and footer asked for.</summary>
public static class DiscordPayloads
{
    /// <summary>CourseBot's embed colour (a calm blue), so its posts are recognisable in a busy channel.</summary>
    public const int Colour = 0x3B6EA5;

    /// <param name="footer">Footer text for the last embed (a post's marker), or null for none.</param>
    public static MessageBody Message(DiscordMessage message, int? flags = null, string? nonce = null, string? footer = null) => new(
        null,
        message.Embeds.Select((e, i) => new EmbedBody(
            e.Title,
            e.Description,
            e.Fields.Count == 0 ? null : e.Fields.Select(f => new EmbedFieldBody(f.Name, f.Value)).ToArray(),
            Colour,
            footer is not null && i == message.Embeds.Count - 1 ? new EmbedFooterBody(footer) : null)).ToArray(),
        AllowedMentionsBody.None,
        flags,
        nonce,
        nonce is null ? null : true);
}
