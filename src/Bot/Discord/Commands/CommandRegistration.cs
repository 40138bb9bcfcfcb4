using System.Net;
using CourseBot.Bot.Discord.Rest;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Storage;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Discord.Commands;

/// <summary>
/// Registers the slash commands once at start-up, by bulk overwrite, in each configured guild (instant)
/// or globally — and only when their definition changed since the last registration (Discord allows
/// 200 command creations a day per guild). The hash of what was registered is kept in the data folder.
/// </summary>
public sealed partial class CommandRegistration(
    DiscordRestClient rest,
    IOptions<DiscordOptions> discord,
    IOptions<StorageOptions> storage,
    FatalStop fatal,
    TimeProvider time,
    ILogger<CommandRegistration> logger) : BackgroundService
{
    public static readonly TimeSpan RetryDelay = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, string> _states = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Each scope ("global" or a guild id) and what happened to it: registered, unchanged, pending or the failure.</summary>
    public IReadOnlyDictionary<string, string> States
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<string, string>(_states);
            }
        }
    }

    public bool IsDone => States.Values.All(s => s is "registered" or "unchanged");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var problems = DiscordCommands.Problems(DiscordCommands.Definitions).ToArray();
        if (problems.Length > 0)
        {
            // Discord would refuse the whole overwrite; say exactly which rule is broken.
            fatal.Stop($"Discord commands are invalid: {string.Join("; ", problems)}");
            return;
        }

        var guilds = discord.Value.GuildIds.Length == 0 ? [null] : discord.Value.GuildIds.Select(g => (string?)g).ToArray();
        foreach (var guild in guilds)
        {
            Set(guild, "pending");
        }

        foreach (var guild in guilds)
        {
            await RegisterAsync(guild, stoppingToken);
        }
    }

    private async Task RegisterAsync(string? guild, CancellationToken cancellationToken)
    {
        var file = HashFile(guild);
        if (File.Exists(file) && (await File.ReadAllTextAsync(file, cancellationToken)).Trim() == DiscordCommands.Hash)
        {
            Set(guild, "unchanged");
            LogUnchanged(Scope(guild));
            return;
        }

        while (true)
        {
            try
            {
                await rest.OverwriteCommandsAsync(guild, DiscordCommands.Json, cancellationToken);
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                await File.WriteAllTextAsync(file, DiscordCommands.Hash, cancellationToken);
                Set(guild, "registered");
                LogRegistered(DiscordCommands.Definitions.Count, Scope(guild));
                return;
            }
            catch (DiscordApiException e) when (e.Status == HttpStatusCode.Unauthorized)
            {
                fatal.Stop("Discord refused the bot token (401) while registering commands: reset it in the Developer Portal and set Discord__BotToken");
                return;
            }
            catch (DiscordApiException e)
            {
                // 403 in a guild: the bot was invited without the applications.commands scope, or not at all.
                var why = e.Status == HttpStatusCode.Forbidden && guild is not null
                    ? $"not allowed in guild {guild} ({e.DiscordMessage}): invite the bot with the applications.commands scope (README, Discord)"
                    : e.Message;
                Set(guild, $"failed: {why}");
                LogFailed(Scope(guild), why);
                return;
            }
            catch (DiscordUnavailableException e)
            {
                Set(guild, $"retrying: {e.Message}");
                LogRetrying(Scope(guild), e.Message, RetryDelay.TotalSeconds);
                await Task.Delay(RetryDelay, time, cancellationToken);
            }
        }
    }

    private string HashFile(string? guild) =>
        Path.Combine(storage.Value.DataDirectory, $"discord-commands-{discord.Value.ApplicationId}-{guild ?? "global"}.sha256");

    private static string Scope(string? guild) => guild is null ? "globally" : $"in guild {guild}";

    private void Set(string? guild, string state)
    {
        lock (_lock)
        {
            _states[guild ?? "global"] = state;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord commands unchanged {Scope}; not registering again")]
    private partial void LogUnchanged(string scope);

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered {Count} Discord commands {Scope}")]
    private partial void LogRegistered(int count, string scope);

    [LoggerMessage(Level = LogLevel.Error, Message = "Registering Discord commands {Scope} failed: {Why}")]
    private partial void LogFailed(string scope, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registering Discord commands {Scope} failed for now ({Why}); retrying in {Seconds} s")]
    private partial void LogRetrying(string scope, string why, double seconds);
}
