namespace CourseBot.Bot.Discord;

/// <summary>One embed as Discord receives it (the parts CourseBot uses).</summary>
public sealed record DiscordEmbed(string? Title, string? Description, IReadOnlyList<DiscordEmbedField> Fields)
{
    /// <summary>What counts against <see cref="DiscordLimits.EmbedTotal"/>.</summary>
    public int Length => (Title?.Length ?? 0) + (Description?.Length ?? 0) + Fields.Sum(f => f.Name.Length + f.Value.Length);
}
