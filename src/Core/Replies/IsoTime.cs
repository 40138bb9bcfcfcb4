using System.Globalization;

namespace CourseBot.Core.Replies;

/// <summary>
/// The one form of a moment in every JSON document CourseBot prints (<c>ask</c>, <c>preview</c>, <c>posts</c>,
/// <c>/readyz</c>): ISO-8601 to the second, in UTC with a <c>Z</c>, or in the course's time with its offset.
/// </summary>
public static class IsoTime
{
    public static string Utc(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The moment as it is given, with its offset (a course-local time).</summary>
    public static string WithOffset(DateTimeOffset at) =>
        at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string Local(DateTimeOffset at, TimeZoneInfo zone) => WithOffset(TimeZoneInfo.ConvertTime(at, zone));
}
