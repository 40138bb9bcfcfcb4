namespace CourseBot.Bot.Slack;

/// <summary>How Slack reaches the bot: a Socket Mode WebSocket it opens, or HTTP requests Slack sends.</summary>
public enum SlackMode
{
    Socket,
    Http,
}

/// <summary>The <c>Slack</c> settings section (environment: <c>Slack__BotToken</c>, …).</summary>
public sealed class SlackOptions
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

    /// <summary>Problems that stop the bot from starting, each naming its setting.</summary>
    public IEnumerable<string> Problems()
    {
        if (!IsConfigured)
        {
            yield break;
        }

        if (!BotToken!.StartsWith("xoxb-", StringComparison.Ordinal))
        {
            yield return "Slack:BotToken: a bot token starts with xoxb- (OAuth & Permissions → Bot User OAuth Token); set Slack__BotToken";
        }

        if (Mode == SlackMode.Socket && string.IsNullOrWhiteSpace(AppToken))
        {
            yield return "Slack:AppToken: Socket Mode needs an app-level token (Basic Information → App-Level Tokens, scope connections:write); set Slack__AppToken, or use Slack__Mode=http";
        }
        else if (Mode == SlackMode.Socket && !AppToken!.StartsWith("xapp-", StringComparison.Ordinal))
        {
            yield return "Slack:AppToken: an app-level token starts with xapp-";
        }

        if (Mode == SlackMode.Http && string.IsNullOrWhiteSpace(SigningSecret))
        {
            yield return "Slack:SigningSecret: HTTP mode verifies every request with it (Basic Information → Signing Secret); set Slack__SigningSecret";
        }

        if (!ApiBaseUrl.IsAbsoluteUri || ApiBaseUrl.Scheme is not ("https" or "http"))
        {
            yield return $"Slack:ApiBaseUrl: '{ApiBaseUrl}' is not an http(s) URL";
        }
    }
}
