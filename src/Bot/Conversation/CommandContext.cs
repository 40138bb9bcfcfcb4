namespace CourseBot.Bot.Conversation;

/// <summary>Who asked, and where: what a platform adapter knows about an incoming command.</summary>
/// <param name="Platform">"discord", "slack" or "local".</param>
/// <param name="ChannelId">The channel the command was typed in (picks the course when several are configured).</param>
/// <param name="WorkspaceId">The Discord guild or Slack team.</param>
/// <param name="IsAdmin">The platform says this user may manage the course (Discord: Manage Guild; Slack: admin commands allowed).</param>
public sealed record CommandContext(string Platform, string? ChannelId, string? WorkspaceId, string UserId, bool IsAdmin)
{
    /// <summary>The name the platform shows for the user (a sign-up keeps it for the roster); null: the id is shown.</summary>
    public string? DisplayName { get; init; }
}
