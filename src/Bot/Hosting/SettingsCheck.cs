using System.ComponentModel;
using System.Text.RegularExpressions;
using CourseBot.Bot.Discord;
using CourseBot.Bot.Scheduling;
using CourseBot.Bot.Slack;
using CourseBot.Bot.Storage;
using CourseBot.Core.Calendar;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Hosting;

/// <summary>
/// The bot's typed settings and their one check each: an <see cref="IValidateOptions{TOptions}"/> per section.
/// The host runs them at start (<see cref="AddCheckedOptions{TOptions, TValidator}"/>), and <see cref="Problems"/>
/// runs the same validators before the host is built, so one start lists all problems at once (the storage
/// settings decide how Quartz is wired, so they cannot wait for the host's own validation).
/// </summary>
public static partial class SettingsCheck
{
    public static IReadOnlyList<string> Problems(IConfiguration configuration)
    {
        AcceptCourseDurations();
        var problems = new List<string>();
        Check<CoursesOptions, CoursesOptionsValidator>(configuration, CoursesOptions.Section, problems);
        Check<PostingOptions, PostingOptionsValidator>(configuration, PostingOptions.Section, problems);
        Check<StorageOptions, StorageOptionsValidator>(configuration, StorageOptions.SectionName, problems);
        Check<DiscordOptions, DiscordOptionsValidator>(configuration, DiscordOptions.Section, problems);
        Check<SlackOptions, SlackOptionsValidator>(configuration, SlackOptions.Section, problems);
        return problems;
    }

    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to <paramref name="section"/> and has the host check it with
    /// <typeparamref name="TValidator"/> when it starts: a bad value stops the start naming the setting.
    /// </summary>
    public static OptionsBuilder<TOptions> AddCheckedOptions<TOptions, TValidator>(this IServiceCollection services, IConfigurationSection section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        return services.AddOptions<TOptions>().Bind(section).ValidateOnStart();
    }

    /// <summary>A validator's result from its list of problems (null where a rule holds).</summary>
    public static ValidateOptionsResult Result(IEnumerable<string?> problems)
    {
        var failures = problems.OfType<string>().ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check<TOptions, TValidator>(IConfiguration configuration, string section, List<string> problems)
        where TOptions : class, new()
        where TValidator : IValidateOptions<TOptions>, new()
    {
        if (Bind<TOptions>(configuration, section, problems) is { } options
            && new TValidator().Validate(Options.DefaultName, options) is { Failed: true } result)
        {
            problems.AddRange(result.Failures);
        }
    }

    /// <summary>
    /// Every TimeSpan setting takes the course file's form too (<c>Posting__GracePeriod=12h</c>) as well as
    /// <c>12:00:00</c>: configuration binding converts through <see cref="TypeDescriptor"/>, so the course
    /// file's parser is registered there, once per process.
    /// </summary>
    public static void AcceptCourseDurations()
    {
        if (TypeDescriptor.GetConverter(typeof(TimeSpan)) is not CourseDurationConverter)
        {
            TypeDescriptor.AddAttributes(typeof(TimeSpan), new TypeConverterAttribute(typeof(CourseDurationConverter)));
        }
    }

    private static T? Bind<T>(IConfiguration configuration, string section, List<string> problems)
        where T : class, new()
    {
        try
        {
            return configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException e)
        {
            problems.Add(Unconvertible(section, e));
            return null;
        }
    }

    /// <summary>
    /// The binder's message names the .NET type ("Failed to convert configuration value 'x' at
    /// 'Posting:GracePeriod' to type 'System.TimeSpan'"); the operator needs the setting as they set it
    /// (Posting__GracePeriod) and, from the converter, what it accepts (a duration's forms).
    /// </summary>
    private static string Unconvertible(string section, InvalidOperationException e)
    {
        var failure = BinderFailure().Match(e.Message);
        if (!failure.Success)
        {
            return $"{section}: {e.Message}";
        }

        var setting = failure.Groups["key"].Value.Replace(":", "__", StringComparison.Ordinal);
        var value = failure.Groups["value"].Value;
        if (e.InnerException is FormatException format && failure.Groups["type"].Value == typeof(TimeSpan).FullName)
        {
            return $"{setting}: {format.Message}";
        }

        return $"{setting}: \"{value}\" is not {Expected(failure.Groups["type"].Value)}";
    }

    private static string Expected(string type) => type switch
    {
        "System.Int32" or "System.Int64" => "a whole number",
        "System.Boolean" => "true or false",
        "System.Uri" => "an address (e.g. https://example.org/)",
        _ => $"a valid {type[(type.LastIndexOf('.') + 1)..].ToLowerInvariant()} value",
    };

    [GeneratedRegex(@"value '(?<value>.*)' at '(?<key>[^']+)' to type '(?<type>[^']+)'", RegexOptions.Singleline)]
    private static partial Regex BinderFailure();
}
