using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using CourseBot.Bot.Discord;
using CourseBot.Bot.Scheduling;
using CourseBot.Bot.Slack;
using CourseBot.Bot.Storage;
using CourseBot.Core.Calendar;

namespace CourseBot.Bot.Hosting;

/// <summary>
/// Checks every typed setting before the host is built, so one start lists all problems at once (the
/// storage settings decide how Quartz is wired, so they cannot wait for the host's own validation).
/// </summary>
public static partial class SettingsCheck
{
    public static IReadOnlyList<string> Problems(IConfiguration configuration)
    {
        AcceptCourseDurations();
        var problems = new List<string>();
        problems.AddRange(Annotated<CoursesOptions>(configuration, CoursesOptions.Section));
        problems.AddRange(Annotated<PostingOptions>(configuration, PostingOptions.Section));
        var storage = Bind<StorageOptions>(configuration, StorageOptions.SectionName, problems);
        if (storage is not null)
        {
            var result = new StorageOptionsValidator().Validate(null, storage);
            if (result.Failed)
            {
                problems.AddRange(result.Failures);
            }
        }

        var discord = Bind<DiscordOptions>(configuration, DiscordOptions.Section, problems);
        // Without a bot token Discord is not used (nor under run --at, which blanks it): nothing to check.
        if (discord is { IsConfigured: true })
        {
            problems.AddRange(Annotated<DiscordOptions>(configuration, DiscordOptions.Section));
            problems.AddRange(discord.Problems());
        }

        problems.AddRange(Bind<SlackOptions>(configuration, SlackOptions.Section, problems)?.Problems() ?? []);

        return problems;
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

    private static IEnumerable<string> Annotated<T>(IConfiguration configuration, string section)
        where T : class, new()
    {
        var problems = new List<string>();
        var options = Bind<T>(configuration, section, problems);
        if (options is not null)
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
            problems.AddRange(results.Select(r => $"{section}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
        }

        return problems;
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
