using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Hosting;

/// <summary>Checks the "Courses" section, every problem at once.</summary>
public sealed class CoursesOptionsValidator : IValidateOptions<CoursesOptions>
{
    public ValidateOptionsResult Validate(string? name, CoursesOptions options)
    {
        const string section = CoursesOptions.Section;
        string?[] problems =
        [
            string.IsNullOrWhiteSpace(options.Directory)
                ? $"{section}:Directory: it must name the config folder; set {SettingProblem.EnvironmentName(section, "Directory")} or use --config"
                : null,
            SettingProblem.OutsideRange(section, nameof(options.RefreshInterval), options.RefreshInterval, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1)),
            SettingProblem.OutsideRange(section, nameof(options.SourceTimeout), options.SourceTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10)),
            SettingProblem.OutsideRange(section, nameof(options.SettleTime), options.SettleTime, TimeSpan.Zero, TimeSpan.FromMinutes(1)),
        ];
        return SettingsCheck.Result(problems);
    }
}
