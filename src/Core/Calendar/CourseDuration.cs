using System.Globalization;
using System.Text.RegularExpressions;

namespace CourseBot.Core.Calendar;

/// <summary>
/// Durations as people write them in course files and settings: a number and a unit (<c>90s</c>,
/// <c>90m</c>, <c>3h</c>, <c>1.5d</c>, <c>2 hours</c>), or .NET's <c>[d.]hh:mm[:ss]</c> form (<c>12:00:00</c>).
/// One parser for both, so a value that works in one place works in the other.
/// </summary>
public static partial class CourseDuration
{
    /// <summary>The forms accepted, for error messages.</summary>
    public const string Forms = "a number and a unit (s, m, h or d), e.g. \"90s\", \"30m\", \"12h\" or \"1d\", or hh:mm:ss, e.g. \"12:00:00\"";

    /// <summary>Reads a duration; false for anything else, including negative and out-of-range values.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var match = UnitPattern().Match(text);
        if (match.Success)
        {
            var amount = double.Parse(match.Groups["n"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            var unit = match.Groups["unit"].Value.ToLowerInvariant();
            var ticksPerUnit = unit[0] switch
            {
                'd' => TimeSpan.TicksPerDay,
                'h' => TimeSpan.TicksPerHour,
                's' => TimeSpan.TicksPerSecond,
                _ => TimeSpan.TicksPerMinute,
            };
            var ticks = Math.Round(amount * ticksPerUnit);
            if (ticks >= TimeSpan.MaxValue.Ticks)
            {
                return false;
            }

            duration = TimeSpan.FromTicks((long)ticks);
            return true;
        }

        // A bare number would read as days; only the form with a colon is taken.
        return text.Contains(':', StringComparison.Ordinal)
            && TimeSpan.TryParse(text.Trim(), CultureInfo.InvariantCulture, out duration)
            && duration >= TimeSpan.Zero;
    }

    /// <summary>Reads a duration or throws a <see cref="FormatException"/> that says which forms work.</summary>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var duration) ? duration : throw new FormatException($"\"{text}\" is not a duration; write {Forms}");

    [GeneratedRegex(@"^\s*(?<n>\d+(\.\d+)?)\s*(?<unit>d|days?|h|hours?|m|min|mins|minutes?|s|sec|secs|seconds?)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex UnitPattern();
}
