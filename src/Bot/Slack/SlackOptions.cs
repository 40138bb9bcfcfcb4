using CourseBot.Bot.Hosting;

namespace CourseBot.Bot.Slack;

/// <summary>How Slack reaches the bot: a Socket Mode WebSocket it opens, or HTTP requests Slack sends.</summary>
public enum SlackMode
{
    Socket,
    Http,
}

/// <summary>The <c>Slack</c> settings section (environment: <c>Slack__BotToken</c>, …); checked by <see cref="SlackOptionsValidator"/>.</summary>
public sealed class SlackOptions : ISettingsSection
{
    public const string Section = "Slack";

    /// <summary>The bot token (<c>xoxb-…</c>, OAuth &amp; Permissions). Secret: from the environment only.</summary>
    public string? BotToken { get; set; }

    /// <summary>The app-level token (<c>xapp-…</c>, scope <c>connections:write</c>) for Socket Mode.</summary>
    public string? AppToken { get; set; }

    /// <summary>The signing secret (Basic Information) that HTTP requests are verified with.</summary>
    public string? SigningSecret { get; set; }

    public SlackMode Mode { get; set; } = SlackMode.Socket;

    /// <summary>The Web API root; tests point it at a loopback server.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://slack.com/api/");

    /// <summary>Members who may use <c>/coursebot announce</c> (Slack user ids, e.g. U0123ABCD).</summary>
    public string[] AdminUserIds { get; set; } = [];

    public bool IsConfigured => !string.IsNullOrWhiteSpace(BotToken);

    public void ReadFrom(SettingValues values)
    {
        BotToken = values.Text(nameof(BotToken), BotToken);
        AppToken = values.Text(nameof(AppToken), AppToken);
        SigningSecret = values.Text(nameof(SigningSecret), SigningSecret);
        Mode = values.Choice(nameof(Mode), Mode);
        ApiBaseUrl = values.Address(nameof(ApiBaseUrl), ApiBaseUrl);
        AdminUserIds = values.List(nameof(AdminUserIds), AdminUserIds);
    }
}
