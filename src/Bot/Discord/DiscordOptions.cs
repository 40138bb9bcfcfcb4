using System.ComponentModel.DataAnnotations;

namespace CourseBot.Bot.Discord;

/// <summary>How interactions reach the bot: a gateway WebSocket it opens, or HTTP requests Discord sends.</summary>
public enum DiscordMode
{
    Gateway,
    Http,
}

/// <summary>The <c>Discord</c> settings section (environment: <c>Discord__BotToken</c>, …).</summary>
public sealed class DiscordOptions
{
    public const string Section = "Discord";

    /// <summary>The bot token (Developer Portal → Bot). Secret: from the environment only.</summary>
    public string? BotToken { get; set; }

    /// <summary>The application id (Developer Portal → General Information).</summary>
    [RegularExpression("^[0-9]{17,20}$", ErrorMessage = "the application id is a snowflake: 17 to 20 digits from the Developer Portal's General Information page")]
    public string? ApplicationId { get; set; }

    /// <summary>The application's Ed25519 public key, 64 hex digits (needed in HTTP mode).</summary>
    [RegularExpression("^[0-9a-fA-F]{64}$", ErrorMessage = "the public key is 64 hex digits from the Developer Portal's General Information page")]
    public string? PublicKey { get; set; }

    public DiscordMode Mode { get; set; } = DiscordMode.Gateway;

    /// <summary>Guilds to register commands in (instant); empty registers them globally.</summary>
    public string[] GuildIds { get; set; } = [];

    /// <summary>The REST API root; tests point it at a loopback server.</summary>
    [Required]
    public Uri ApiBaseUrl { get; set; } = new("https://discord.com/api/v10");

    /// <summary>The first wait before retrying a 5xx or a timeout; doubled for each further attempt.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(1);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(BotToken);

    /// <summary>Problems that stop the bot from starting, each naming its setting.</summary>
    public IEnumerable<string> Problems()
    {
        if (!IsConfigured)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(ApplicationId))
        {
            yield return "Discord:ApplicationId: required with a bot token (Developer Portal → General Information → Application ID); set Discord__ApplicationId";
        }

        if (Mode == DiscordMode.Http && string.IsNullOrWhiteSpace(PublicKey))
        {
            yield return "Discord:PublicKey: required in HTTP mode to verify Discord's signatures (Developer Portal → General Information → Public Key); set Discord__PublicKey";
        }

        foreach (var guild in GuildIds.Where(g => !ulong.TryParse(g, out _)))
        {
            yield return $"Discord:GuildIds: '{guild}' is not a guild id (a snowflake of digits; enable Developer Mode and use Copy Server ID)";
        }

        if (!ApiBaseUrl.IsAbsoluteUri || ApiBaseUrl.Scheme is not ("https" or "http"))
        {
            yield return $"Discord:ApiBaseUrl: '{ApiBaseUrl}' is not an http(s) URL";
        }
    }
}
