namespace CourseBot.Bot.Discord.Rest;

/// <summary>
/// One REST call's route: the method and template name the rate-limit bucket until Discord names it
/// (<c>X-RateLimit-Bucket</c>); the major parameter (channel, guild, webhook or interaction) splits it.
/// </summary>
public sealed record DiscordRoute(HttpMethod Method, string Template, string Path, string Major)
{
    /// <summary>Interaction callbacks and follow-ups are not bound by the global limit (rate-limits.mdx).</summary>
    public bool IsInteraction => Template.StartsWith("/interactions/", StringComparison.Ordinal) || Template.StartsWith("/webhooks/", StringComparison.Ordinal);

    public string Key => $"{Method.Method} {Template}";

    /// <summary>The named pipeline (<see cref="DiscordHttp"/>) whose rules this route follows.</summary>
    public string Pipeline => Template.EndsWith("/callback", StringComparison.Ordinal) ? DiscordHttp.CallbackPipeline
        : IsInteraction ? DiscordHttp.InteractionPipeline
        : DiscordHttp.RestPipeline;

    /// <summary>Carries the route on its request, for the rate-limit handler.</summary>
    public static readonly HttpRequestOptionsKey<DiscordRoute> Option = new("coursebot.discord.route");

    public static DiscordRoute CreateMessage(string channelId) =>
        new(HttpMethod.Post, "/channels/{channel_id}/messages", $"/channels/{Uri.EscapeDataString(channelId)}/messages", channelId);

    /// <summary>Opens (or finds) the direct-message channel with a user: POST /users/@me/channels.</summary>
    public static DiscordRoute CreateDirectMessage() => new(HttpMethod.Post, "/users/@me/channels", "/users/@me/channels", "");

    public static DiscordRoute EditMessage(string channelId, string messageId) =>
        new(HttpMethod.Patch, "/channels/{channel_id}/messages/{message_id}", $"/channels/{Uri.EscapeDataString(channelId)}/messages/{Uri.EscapeDataString(messageId)}", channelId);

    public static DiscordRoute RecentMessages(string channelId, int limit) =>
        new(HttpMethod.Get, "/channels/{channel_id}/messages", $"/channels/{Uri.EscapeDataString(channelId)}/messages?limit={limit}", channelId);

    public static DiscordRoute InteractionCallback(string interactionId, string token) =>
        new(HttpMethod.Post, "/interactions/{interaction_id}/{interaction_token}/callback", $"/interactions/{Uri.EscapeDataString(interactionId)}/{Uri.EscapeDataString(token)}/callback", interactionId);

    public static DiscordRoute EditOriginal(string applicationId, string token) =>
        new(HttpMethod.Patch, "/webhooks/{webhook_id}/{webhook_token}/messages/@original", $"/webhooks/{applicationId}/{Uri.EscapeDataString(token)}/messages/@original", token);

    public static DiscordRoute Followup(string applicationId, string token) =>
        new(HttpMethod.Post, "/webhooks/{webhook_id}/{webhook_token}", $"/webhooks/{applicationId}/{Uri.EscapeDataString(token)}", token);

    public static DiscordRoute OverwriteCommands(string applicationId, string? guildId) => guildId is null
        ? new(HttpMethod.Put, "/applications/{application_id}/commands", $"/applications/{applicationId}/commands", applicationId)
        : new(HttpMethod.Put, "/applications/{application_id}/guilds/{guild_id}/commands", $"/applications/{applicationId}/guilds/{guildId}/commands", guildId);

    public static DiscordRoute ScheduledEvents(HttpMethod method, string guildId) =>
        new(method, "/guilds/{guild_id}/scheduled-events", $"/guilds/{Uri.EscapeDataString(guildId)}/scheduled-events", guildId);

    public static DiscordRoute ScheduledEvent(HttpMethod method, string guildId, string eventId) =>
        new(method, "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}", $"/guilds/{Uri.EscapeDataString(guildId)}/scheduled-events/{Uri.EscapeDataString(eventId)}", guildId);

    /// <summary>Pins a message (PUT, no body; 204; pinning a pinned message changes nothing). Needs Pin Messages.</summary>
    public static DiscordRoute PinMessage(string channelId, string messageId) =>
        new(HttpMethod.Put, "/channels/{channel_id}/messages/pins/{message_id}", $"/channels/{Uri.EscapeDataString(channelId)}/messages/pins/{Uri.EscapeDataString(messageId)}", channelId);

    public static DiscordRoute GatewayBot() => new(HttpMethod.Get, "/gateway/bot", "/gateway/bot", "");
}
