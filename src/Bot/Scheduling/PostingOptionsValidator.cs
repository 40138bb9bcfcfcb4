using CourseBot.Bot.Hosting;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Scheduling;

/// <summary>Checks the "Posting" section, every problem at once.</summary>
public sealed class PostingOptionsValidator : IValidateOptions<PostingOptions>
{
    public ValidateOptionsResult Validate(string? name, PostingOptions options)
    {
        const string section = PostingOptions.Section;
        string?[] problems =
        [
            SettingProblem.OutsideRange(section, nameof(options.GracePeriod), options.GracePeriod, TimeSpan.Zero, TimeSpan.FromDays(180)),
            SettingProblem.OutsideRange(section, nameof(options.RetryDelay), options.RetryDelay, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1)),
            SettingProblem.OutsideRange(section, nameof(options.ReconcileInterval), options.ReconcileInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromDays(1)),
            SettingProblem.OutsideRange(section, nameof(options.ChangeNoticeDelay), options.ChangeNoticeDelay, TimeSpan.Zero, TimeSpan.FromDays(1)),
        ];
        return SettingsCheck.Result(problems);
    }
}
