using System.Net;

namespace CourseBot.Bot.Discord.Rest;

/// <summary>Discord answered with an error that retrying will not fix (400, 401, 403, 404, …).</summary>
public sealed class DiscordApiException(HttpStatusCode status, int? code, string message, string path)
    : Exception($"Discord refused {path}: {(int)status} {status}{(code is null ? "" : $" (code {code})")}: {message}")
{
    public HttpStatusCode Status { get; } = status;

    /// <summary>Discord's JSON error code (e.g. 10003 Unknown Channel, 50001 Missing Access, 50013 Missing Permissions).</summary>
    public int? Code { get; } = code;

    public string DiscordMessage { get; } = message;
}

/// <summary>
/// Discord could not be reached or kept failing (timeouts, 5xx, rate limits, the circuit is open); try
/// again later. <see cref="OutcomeUnknown"/> says whether the last attempt may have taken effect anyway
/// (it timed out or the connection dropped after sending) rather than being refused.
/// </summary>
public sealed class DiscordUnavailableException(string message, bool outcomeUnknown = false, Exception? inner = null) : Exception(message, inner)
{
    public bool OutcomeUnknown { get; } = outcomeUnknown;

    /// <summary>For a 429: how long Discord asked to wait.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
