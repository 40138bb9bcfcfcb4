using System.Globalization;

namespace CourseBot.Bot.Hosting;

/// <summary>How <c>/readyz</c> writes times: UTC with a Z, and beside it the course's local time with its offset.</summary>
public static class ReadinessJson
{
    public static string Utc(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Local(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
