using CourseBot.Bot.Http;
using CourseBot.Bot.WebSockets;

namespace CourseBot.Bot.Discord.Gateway;

/// <summary>The gateway client's waits, as Discord documents them; tests shorten some.</summary>
public sealed record GatewayTimings : ConnectionTimings
{
    /// <summary>Identify at most once per this interval (max_concurrency 1).</summary>
    public TimeSpan IdentifyInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>After op 9 without resume, wait a random time up to this before identifying again.</summary>
    public TimeSpan InvalidSessionDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Identifies in 24 h past which a warning is logged (Discord resets the token at 1 000).</summary>
    public int IdentifyWarning { get; init; } = 100;

    /// <summary>
    /// Identifies in 24 h at which the bot stops instead of identifying again: well before Discord's 1 000,
    /// which would reset the token and take every copy of the bot offline until someone replaces it.
    /// </summary>
    public int IdentifyStop { get; init; } = 900;

    /// <summary>
    /// A number in [0, 1): the first heartbeat's fraction of the interval, and backoff jitter. The bot
    /// registers the random one (<see cref="Jitter"/> from the composition root); tests pass a fixed one.
    /// </summary>
    public Jitter Jitter { get; init; } = () => Backoff.NoJitter;
}
