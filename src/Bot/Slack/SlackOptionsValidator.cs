using CourseBot.Bot.Hosting;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Slack;

/// <summary>Checks the "Slack" section, every problem at once. Without a bot token Slack is not used: nothing to check.</summary>
public sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        if (!options.IsConfigured)
        {
            return ValidateOptionsResult.Success;
        }

        string?[] problems =
        [
            !options.BotToken!.StartsWith("xoxb-", StringComparison.Ordinal)
                ? "Slack:BotToken: a bot token starts with xoxb- (OAuth & Permissions → Bot User OAuth Token); set Slack__BotToken"
                : null,
            options.Mode != SlackMode.Socket ? null
                : string.IsNullOrWhiteSpace(options.AppToken)
                    ? "Slack:AppToken: Socket Mode needs an app-level token (Basic Information → App-Level Tokens, scope connections:write); set Slack__AppToken, or use Slack__Mode=http"
                    : !options.AppToken.StartsWith("xapp-", StringComparison.Ordinal) ? "Slack:AppToken: an app-level token starts with xapp-" : null,
            options.Mode == SlackMode.Http && string.IsNullOrWhiteSpace(options.SigningSecret)
                ? "Slack:SigningSecret: HTTP mode verifies every request with it (Basic Information → Signing Secret); set Slack__SigningSecret"
                : null,
            !options.ApiBaseUrl.IsAbsoluteUri || options.ApiBaseUrl.Scheme is not ("https" or "http")
                ? $"Slack:ApiBaseUrl: '{options.ApiBaseUrl}' is not an http(s) URL"
                : null,
        ];
        return SettingsCheck.Result(problems);
    }
}
