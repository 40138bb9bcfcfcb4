using CourseBot.Bot.Hosting;

namespace CourseBot.Bot.Discord;

/// <summary>How interactions reach the bot: a gateway WebSocket it opens, or HTTP requests Discord sends.</summary>
public enum DiscordMode
{
    Gateway,
    Http,
}

/// <summary>The <c>Discord</c> settings section (environment: <c>Discord__BotToken</c>, …); checked by <see cref="DiscordOptionsValidator"/>.</summary>
public sealed class DiscordOptions : ISettingsSection
{
    public const string Section = "Discord";

    /// <summary>The bot token (Developer Portal → Bot). Secret: from the environment only.</summary>
    public string? BotToken { get; set; }

    /// <summary>The application id (Developer Portal → General Information).</summary>
    public string? ApplicationId { get; set; }

    /// <summary>The application's Ed25519 public key, 64 hex digits (needed in HTTP mode).</summary>
    public string? PublicKey { get; set; }

    public DiscordMode Mode { get; set; } = DiscordMode.Gateway;

    /// <summary>Guilds to register commands in (instant); empty registers them globally.</summary>
    public string[] GuildIds { get; set; } = [];

    /// <summary>The REST API root; tests point it at a loopback server.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://discord.com/api/v10");

    /// <summary>The first wait before retrying a 5xx or a timeout; doubled for each further attempt.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Class meetings in the coming <see cref="ScheduledEventsWindow"/> become guild scheduled events (Events tab).</summary>
    public bool ScheduledEvents { get; set; }

    /// <summary>The server the events go to; when unset, the only entry of <see cref="GuildIds"/>.</summary>
    public string? ScheduledEventsGuildId { get; set; }

    /// <summary>How far ahead class meetings are made events.</summary>
    public TimeSpan ScheduledEventsWindow { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How often the events are compared with the calendar besides after every course refresh.</summary>
    public TimeSpan ScheduledEventsInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The guild scheduled events go to, or null when none is set or can be inferred.</summary>
    public string? EventsGuild => !string.IsNullOrWhiteSpace(ScheduledEventsGuildId) ? ScheduledEventsGuildId
        : GuildIds.Length == 1 ? GuildIds[0]
        : null;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(BotToken);

    public void ReadFrom(SettingValues values)
    {
        BotToken = values.Text(nameof(BotToken), BotToken);
        ApplicationId = values.Text(nameof(ApplicationId), ApplicationId);
        PublicKey = values.Text(nameof(PublicKey), PublicKey);
        Mode = values.Choice(nameof(Mode), Mode);
        GuildIds = values.List(nameof(GuildIds), GuildIds);
        ApiBaseUrl = values.Address(nameof(ApiBaseUrl), ApiBaseUrl);
        RetryBackoff = values.Duration(nameof(RetryBackoff), RetryBackoff);
        ScheduledEvents = values.Flag(nameof(ScheduledEvents), ScheduledEvents);
        ScheduledEventsGuildId = values.Text(nameof(ScheduledEventsGuildId), ScheduledEventsGuildId);
        ScheduledEventsWindow = values.Duration(nameof(ScheduledEventsWindow), ScheduledEventsWindow);
        ScheduledEventsInterval = values.Duration(nameof(ScheduledEventsInterval), ScheduledEventsInterval);
    }
}
