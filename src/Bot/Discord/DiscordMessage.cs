namespace CourseBot.Bot.Discord;

/// <summary>One message of a reply: up to ten embeds within Discord's total size.</summary>
public sealed record DiscordMessage(IReadOnlyList<DiscordEmbed> Embeds)
{
    public int Length => Embeds.Sum(e => e.Length);
}
