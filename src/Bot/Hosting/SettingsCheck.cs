using System.Diagnostics.CodeAnalysis;
using CourseBot.Bot.Discord;
using CourseBot.Bot.Scheduling;
using CourseBot.Bot.Slack;
using CourseBot.Bot.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Hosting;

/// <summary>
/// The bot's typed settings and their one check each: an <see cref="IValidateOptions{TOptions}"/> per section.
/// The host runs them at start (<see cref="AddCheckedOptions{TOptions, TValidator}"/>), and <see cref="Problems"/>
/// runs the same validators before the host is built, so one start lists all problems at once (the storage
/// settings decide how Quartz is wired, so they cannot wait for the host's own validation).
/// </summary>
public static class SettingsCheck
{
    public static IReadOnlyList<string> Problems(IConfiguration configuration)
    {
        var problems = new List<string>();
        Check<CoursesOptions, CoursesOptionsValidator>(configuration, CoursesOptions.Section, problems);
        Check<PostingOptions, PostingOptionsValidator>(configuration, PostingOptions.Section, problems);
        Check<StorageOptions, StorageOptionsValidator>(configuration, StorageOptions.SectionName, problems);
        Check<DiscordOptions, DiscordOptionsValidator>(configuration, DiscordOptions.Section, problems);
        Check<SlackOptions, SlackOptionsValidator>(configuration, SlackOptions.Section, problems);
        Check<Http.HttpOptions, Http.HttpOptionsValidator>(configuration, Http.HttpOptions.Section, problems);
        return problems;
    }

    /// <summary>
    /// Reads <typeparamref name="TOptions"/> from <paramref name="section"/> (and again when it changes) and has the
    /// host check it with <typeparamref name="TValidator"/> when it starts: a bad value stops the start naming the setting.
    /// </summary>
    public static OptionsBuilder<TOptions> AddCheckedOptions<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TValidator>(
        this IServiceCollection services, IConfigurationSection section)
        where TOptions : class, ISettingsSection
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        services.AddSingleton<IOptionsChangeTokenSource<TOptions>>(new ConfigurationChangeTokenSource<TOptions>(Options.DefaultName, section));
        return services.AddOptions<TOptions>().Configure(options => options.ReadFrom(new SettingValues(section))).ValidateOnStart();
    }

    /// <summary>A validator's result from its list of problems (null where a rule holds).</summary>
    public static ValidateOptionsResult Result(IEnumerable<string?> problems)
    {
        var failures = problems.OfType<string>().ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary><typeparamref name="TOptions"/> as <paramref name="section"/> sets it, over its defaults.</summary>
    public static TOptions Read<TOptions>(IConfigurationSection section)
        where TOptions : class, ISettingsSection, new()
    {
        var options = new TOptions();
        options.ReadFrom(new SettingValues(section));
        return options;
    }

    private static void Check<TOptions, TValidator>(IConfiguration configuration, string section, List<string> problems)
        where TOptions : class, ISettingsSection, new()
        where TValidator : IValidateOptions<TOptions>, new()
    {
        TOptions options;
        try
        {
            options = Read<TOptions>(configuration.GetSection(section));
        }
        catch (SettingException e)
        {
            problems.Add(e.Message);
            return;
        }

        if (new TValidator().Validate(Options.DefaultName, options) is { Failed: true } result)
        {
            problems.AddRange(result.Failures);
        }
    }
}
