using CourseBot.Bot.Hosting;

namespace CourseBot.Bot.Http;

/// <summary>The bot's own web address (configuration section "Http"); checked by <see cref="HttpOptionsValidator"/>.</summary>
public sealed class HttpOptions : ISettingsSection
{
    public const string Section = "Http";

    /// <summary>
    /// Where students reach the bot's listener from outside (https://bot.example.edu/, maybe with a path), for the
    /// calendar links /calendar gives; null: not set, and /calendar says how to set it.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>The validated address with a trailing slash, so relative paths append to it; null when not set.</summary>
    public Uri? BaseAddress => string.IsNullOrWhiteSpace(PublicBaseUrl) ? null
        : new Uri(PublicBaseUrl.Trim().EndsWith('/') ? PublicBaseUrl.Trim() : PublicBaseUrl.Trim() + "/", UriKind.Absolute);

    public void ReadFrom(SettingValues values) => PublicBaseUrl = values.Text(nameof(PublicBaseUrl), PublicBaseUrl);
}
