using System.Globalization;

namespace CourseBot.Bot.Hosting;

/// <summary>
/// The wording the settings validators share: the setting as configuration names it
/// (<c>Posting:GracePeriod</c>), what is wrong, and the environment variable that fixes it
/// (<c>Posting__GracePeriod</c>).
/// </summary>
public static class SettingProblem
{
    /// <summary>The setting as an environment variable: <c>Posting__GracePeriod</c>.</summary>
    public static string EnvironmentName(string section, string key) => $"{section}__{key}";

    /// <summary>A problem when <paramref name="value"/> is outside <paramref name="least"/> … <paramref name="most"/>, else null.</summary>
    public static string? OutsideRange(string section, string key, TimeSpan value, TimeSpan least, TimeSpan most)
    {
        var wrong = value < least ? $"{Duration(value)} is shorter than {Duration(least)}, the least it may be"
            : value > most ? $"{Duration(value)} is longer than {Duration(most)}, the most it may be"
            : null;
        return wrong is null
            ? null
            : $"{section}:{key}: {wrong}; set {EnvironmentName(section, key)} to a duration from {Duration(least)} to {Duration(most)}";
    }

    /// <summary>A duration in the course file's form (<c>12h</c>, <c>0.1s</c>), as a setting may be written.</summary>
    public static string Duration(TimeSpan value) => value switch
    {
        { Ticks: 0 } => "0s",
        _ when value.Ticks % TimeSpan.TicksPerDay == 0 => $"{value.Ticks / TimeSpan.TicksPerDay}d",
        _ when value.Ticks % TimeSpan.TicksPerHour == 0 => $"{value.Ticks / TimeSpan.TicksPerHour}h",
        _ when value.Ticks % TimeSpan.TicksPerMinute == 0 => $"{value.Ticks / TimeSpan.TicksPerMinute}m",
        _ => $"{value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}s",
    };
}
