using CourseBot.Bot.Hosting;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Http;

/// <summary>Checks the "Http" section: a public address, when set, is an absolute http(s) URL without query or fragment.</summary>
public sealed class HttpOptionsValidator : IValidateOptions<HttpOptions>
{
    public ValidateOptionsResult Validate(string? name, HttpOptions options)
    {
        const string section = HttpOptions.Section;
        var text = options.PublicBaseUrl?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return ValidateOptionsResult.Success;
        }

        var fix = $"set {SettingProblem.EnvironmentName(section, nameof(options.PublicBaseUrl))} to the address students reach the bot at, e.g. https://bot.example.edu/";
        // UriKind.Absolute alone would take "/bot" as a file path on Linux: the scheme is checked too.
        var problem =
            !Uri.TryCreate(text, UriKind.Absolute, out var address) || address.Scheme is not ("https" or "http") || address.Host.Length == 0
                ? $"{section}:{nameof(options.PublicBaseUrl)}: '{text}' is not an absolute http(s) URL; {fix}"
            : address.Query.Length > 0 || address.Fragment.Length > 0 || address.UserInfo.Length > 0
                ? $"{section}:{nameof(options.PublicBaseUrl)}: '{text}' has a query, fragment or user name, which the calendar links cannot carry; {fix}"
            : null;
        return SettingsCheck.Result([problem]);
    }
}
