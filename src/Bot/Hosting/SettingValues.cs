using CourseBot.Core.Calendar;

namespace CourseBot.Bot.Hosting;

/// <summary>
/// A typed settings section that reads itself from configuration, property by property. The native build has
/// no reflection binder, and the source-generated one reads TimeSpan settings with <see cref="TimeSpan.Parse(string)"/>
/// only; reading by hand takes the course file's durations (<c>12h</c>) and names the setting in every error.
/// </summary>
public interface ISettingsSection
{
    /// <summary>Sets the properties <paramref name="values"/> has a value for; the others keep their defaults.</summary>
    void ReadFrom(SettingValues values);
}

/// <summary>
/// The values of one configuration section, converted the way the configuration binder does (a value that is
/// present replaces the default, lists are the section's children), failing with a <see cref="SettingException"/>
/// that names the setting as an environment variable (<c>Posting__GracePeriod</c>) and what it accepts.
/// </summary>
public sealed class SettingValues(IConfigurationSection section)
{
    public string? Text(string key, string? current) => section[key] ?? current;

    public bool Flag(string key, bool current) =>
        section[key] is not { } text ? current
        : bool.TryParse(text, out var flag) ? flag
        : throw new SettingException(Setting(key), $"\"{text}\" is not true or false");

    public TimeSpan Duration(string key, TimeSpan current) =>
        section[key] is not { } text ? current
        : CourseDuration.TryParse(text, out var duration) ? duration
        : throw new SettingException(Setting(key), $"\"{text}\" is not a duration; write {CourseDuration.Forms}");

    public TEnum Choice<TEnum>(string key, TEnum current)
        where TEnum : struct, Enum =>
        section[key] is not { } text ? current
        : Enum.TryParse<TEnum>(text, ignoreCase: true, out var choice) ? choice
        : throw new SettingException(Setting(key), $"\"{text}\" is not a valid {typeof(TEnum).Name.ToLowerInvariant()} value");

    /// <summary>An address; like the binder, a relative one is read too (the validators say where an absolute one is needed).</summary>
    public Uri Address(string key, Uri current) =>
        section[key] is not { } text ? current
        : Uri.TryCreate(text, UriKind.RelativeOrAbsolute, out var address) ? address
        : throw new SettingException(Setting(key), $"\"{text}\" is not an address (e.g. https://example.org/)");

    /// <summary>A list: the section's children (<c>Discord__GuildIds__0</c>, <c>__1</c>, …), in order, after the current items.</summary>
    public string[] List(string key, string[] current)
    {
        var items = section.GetSection(key).GetChildren().Select(child => child.Value).OfType<string>().ToArray();
        return items.Length == 0 ? current : [.. current, .. items];
    }

    private string Setting(string key) => $"{section.Path}:{key}".Replace(":", "__", StringComparison.Ordinal);
}

/// <summary>A setting whose value cannot be read as its type; the message names the setting and what it accepts.</summary>
public sealed class SettingException(string setting, string problem) : InvalidOperationException($"{setting}: {problem}")
{
    /// <summary>The setting as an environment variable: <c>Posting__GracePeriod</c>.</summary>
    public string Setting { get; } = setting;
}
