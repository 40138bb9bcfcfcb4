
namespace CourseBot.Bot.Slack;

/// <summary>The Web API answered <c>ok: false</c>: <see cref="Error"/> is Slack's code, <see cref="Message"/> says what to do.</summary>
public sealed class SlackApiException(string method, string error) : Exception($"Slack {method}: {error}: {Explain(error)}")
{
    public string Method { get; } = method;

    public string Error { get; } = error;

    /// <summary>Errors where trying again later can help; the rest need someone to fix something.</summary>
    public bool IsRetryable => Error is "ratelimited" or "internal_error" or "fatal_error" or "service_unavailable" or "request_timeout" or "team_added_to_org";

    /// <summary>Errors that mean the token itself is refused: nothing will work until it is replaced.</summary>
    public bool IsAuthFailure => Error is "invalid_auth" or "not_authed" or "account_inactive" or "token_revoked" or "token_expired";

    public static string Explain(string error) => error switch
    {
        "not_in_channel" => "the bot is not in this channel: type /invite @CourseBot in it",
        "channel_not_found" => "no such channel, or the bot cannot see it: check channels.slack in the course file (channel ids look like C0123ABCD)",
        "is_archived" => "the channel is archived: unarchive it or change channels.slack",
        "invalid_auth" or "not_authed" or "token_revoked" or "token_expired" or "account_inactive" => "Slack refused the token: reinstall the app and set Slack__BotToken (xoxb-…) / Slack__AppToken (xapp-…)",
        "missing_scope" => "the app lacks a scope: add it under OAuth & Permissions (see deploy/slack-manifest.yaml) and reinstall",
        "msg_too_long" or "msg_blocks_too_long" or "invalid_blocks" => "the message was too long or malformed for Slack (a CourseBot bug: report it with the log)",
        "ratelimited" => "Slack asked to slow down",
        _ => "see https://api.slack.com/methods for this error",
    };
}

/// <summary>Slack could not be reached or kept failing (timeouts, 5xx, repeated 429s): try again later.</summary>
public sealed class SlackUnavailableException(string message, bool outcomeUnknown = false, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The last attempt may have taken effect (it timed out after sending).</summary>
    public bool OutcomeUnknown { get; } = outcomeUnknown;

    /// <summary>For a 429: how long Slack asked to wait (<c>Retry-After</c>).</summary>
    public TimeSpan? RetryAfter { get; init; }
}
