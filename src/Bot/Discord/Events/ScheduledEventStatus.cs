namespace CourseBot.Bot.Discord.Events;

/// <summary>What the last sync of scheduled events found, for <c>/readyz</c> and the logs; updated by one sync at a time.</summary>
public sealed class ScheduledEventStatus
{
    /// <summary>Why Discord refused to let the bot manage events (a missing permission), with what to do; null when allowed.</summary>
    public string? Permission { get; private set; }

    /// <summary>Set when meetings were left out because the guild holds Discord's maximum of events.</summary>
    public string? Limit { get; private set; }

    /// <summary>How many scheduled events the guild had at the last sync (any creator).</summary>
    public int? GuildEvents { get; private set; }

    public DateTimeOffset? LastSync { get; private set; }

    public void Refused(string? problem) => Permission = problem;

    public void Synced(DateTimeOffset at, int guildEvents, int leftOut)
    {
        GuildEvents = guildEvents;
        LastSync = at;
        Limit = leftOut == 0 ? null
            : $"{leftOut} class meeting(s) not made events: the server has Discord's maximum of {DiscordLimits.ScheduledEventsPerGuild} scheduled events; delete old ones or shorten Discord__ScheduledEventsWindow";
    }

    /// <summary>The text for a 403: what Discord said and the permission to grant.</summary>
    public static string MissingPermission(string guild, string discordMessage) =>
        $"Discord refused to manage events in server {guild} ({discordMessage}): give the bot's role the Manage Events permission (Server Settings → Roles), or re-invite it with the URL in the README";
}
