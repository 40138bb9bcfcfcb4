
namespace CourseBot.Bot.Discord.Gateway;

/// <summary>Gateway opcodes (topics/opcodes-and-status-codes.mdx).</summary>
public static class GatewayOpcode
{
    public const int Dispatch = 0;
    public const int Heartbeat = 1;
    public const int Identify = 2;
    public const int Resume = 6;
    public const int Reconnect = 7;
    public const int InvalidSession = 9;
    public const int Hello = 10;
    public const int HeartbeatAck = 11;
}

/// <summary>
/// The gateway intents CourseBot identifies with (events/gateway.mdx): messages in servers and in direct
/// messages, so a mention or a DM can be answered. Neither is privileged; the privileged MESSAGE_CONTENT is not
/// needed, as Discord sends a message's content when it mentions the bot and in DMs. Interactions need no intent.
/// </summary>
public static class GatewayIntents
{
    public const int GuildMessages = 1 << 9;
    public const int DirectMessages = 1 << 12;

    public const int Requested = GuildMessages | DirectMessages;
}

/// <summary>What the gateway's close codes mean for the next connection.</summary>
public static class GatewayCloseCodes
{
    /// <summary>Sent by CourseBot when it drops a zombie connection: any code but 1000/1001 keeps the session resumable.</summary>
    public const int ZombieConnection = 4900;

    public const int InvalidSequence = 4007;
    public const int SessionTimedOut = 4009;

    /// <summary>Codes after which reconnecting cannot help; each explained for the instructor.</summary>
    public static string? Fatal(int code) => code switch
    {
        4004 => "Discord closed the gateway with 4004 (authentication failed): the bot token is wrong or was reset; copy a new one from the Developer Portal (Bot → Reset Token) into Discord__BotToken",
        4010 => "Discord closed the gateway with 4010 (invalid shard): CourseBot connects unsharded; this should not happen — report it",
        4011 => "Discord closed the gateway with 4011 (sharding required): the bot is in too many servers for one connection",
        4012 => "Discord closed the gateway with 4012 (invalid API version): CourseBot speaks gateway v10; update CourseBot",
        4013 => "Discord closed the gateway with 4013 (invalid intents): CourseBot asks only for GUILD_MESSAGES and DIRECT_MESSAGES; this should not happen — report it",
        4014 => "Discord closed the gateway with 4014 (disallowed intents): a privileged intent was requested that the application may not use (CourseBot asks for none)",
        _ => null,
    };

    /// <summary>Whether the session survives this close: 1000/1001 end it, and so do 4007 and 4009.</summary>
    public static bool KeepsSession(int? code) => code is not (1000 or 1001 or InvalidSequence or SessionTimedOut);
}
