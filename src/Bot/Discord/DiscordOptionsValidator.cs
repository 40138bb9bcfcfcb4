using CourseBot.Bot.Hosting;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Discord;

/// <summary>
/// Checks the "Discord" section, every problem at once. Without a bot token Discord is not used (nor under
/// <c>run --at</c>, which blanks it), so there is nothing to check.
/// </summary>
public sealed class DiscordOptionsValidator : IValidateOptions<DiscordOptions>
{
    private const string FromGeneralInformation = "from the Developer Portal's General Information page";

    public ValidateOptionsResult Validate(string? name, DiscordOptions options)
    {
        if (!options.IsConfigured)
        {
            return ValidateOptionsResult.Success;
        }

        var problems = new List<string?>
        {
            string.IsNullOrEmpty(options.ApplicationId)
                ? "Discord:ApplicationId: required with a bot token (Developer Portal → General Information → Application ID); set Discord__ApplicationId"
                : !IsApplicationId(options.ApplicationId)
                    ? $"Discord:ApplicationId: the application id is a snowflake: 17 to 20 digits {FromGeneralInformation}"
                    : null,
            !string.IsNullOrEmpty(options.PublicKey) && !IsPublicKey(options.PublicKey)
                ? $"Discord:PublicKey: the public key is 64 hex digits {FromGeneralInformation}"
                : options.Mode == DiscordMode.Http && string.IsNullOrWhiteSpace(options.PublicKey)
                    ? "Discord:PublicKey: required in HTTP mode to verify Discord's signatures (Developer Portal → General Information → Public Key); set Discord__PublicKey"
                    : null,
        };
        problems.AddRange(options.GuildIds.Where(g => !ulong.TryParse(g, out _)).Select(guild =>
            $"Discord:GuildIds: '{guild}' is not a guild id (a snowflake of digits; enable Developer Mode and use Copy Server ID)"));
        problems.Add(!options.ApiBaseUrl.IsAbsoluteUri || options.ApiBaseUrl.Scheme is not ("https" or "http")
            ? $"Discord:ApiBaseUrl: '{options.ApiBaseUrl}' is not an http(s) URL"
            : null);
        if (options.ScheduledEvents)
        {
            problems.Add(options.EventsGuild is not { } guild
                ? "Discord:ScheduledEventsGuildId: required with Discord__ScheduledEvents=true (the server the class events go to; enable Developer Mode and use Copy Server ID); set Discord__ScheduledEventsGuildId"
                : !ulong.TryParse(guild, out _)
                    ? $"Discord:ScheduledEventsGuildId: '{guild}' is not a guild id (a snowflake of digits; enable Developer Mode and use Copy Server ID)"
                    : null);
            problems.Add(options.ScheduledEventsWindow <= TimeSpan.Zero || options.ScheduledEventsWindow > TimeSpan.FromDays(366)
                ? $"Discord:ScheduledEventsWindow: {options.ScheduledEventsWindow} must be more than zero and at most a year (e.g. 14d)"
                : null);
            problems.Add(options.ScheduledEventsInterval < TimeSpan.FromMinutes(1)
                ? $"Discord:ScheduledEventsInterval: {options.ScheduledEventsInterval} must be at least a minute (e.g. 1h)"
                : null);
        }

        return SettingsCheck.Result(problems);
    }

    private static bool IsApplicationId(string text) => text.Length is >= 17 and <= 20 && text.All(char.IsAsciiDigit);

    private static bool IsPublicKey(string text) => text.Length == 64 && text.All(char.IsAsciiHexDigit);
}
