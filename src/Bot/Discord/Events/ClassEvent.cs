using System.Globalization;
using System.Security.Cryptography;
using CourseBot.Bot.Discord.Rest;
using CourseBot.Core;
using CourseBot.Core.Calendar;
using CourseBot.Core.ReadingList;

namespace CourseBot.Bot.Discord.Events;

/// <summary>
/// One class meeting as a guild scheduled event: what the event shows, and a digest of it (the version the
/// ledger records, so an event is edited only when what it shows changed).
/// </summary>
public sealed record ClassEvent(string CourseId, ScheduledEventBody Body)
{
    /// <summary>Where a meeting is held when the course file names no room.</summary>
    public const string DefaultLocation = "Class";

    /// <summary>The ledger slot of a meeting: its start instant in UTC, which no renumbering changes.</summary>
    public string Slot => SlotOf(Body.Start);

    /// <summary>A digest of the body as sent: equal bodies, equal versions, on every node.</summary>
    public string Version => Convert.ToHexStringLower(SHA256.HashData(DiscordRestClient.Json(Body, ScheduledEventJson.Default.ScheduledEventBody)).AsSpan(0, 12));

    public static string SlotOf(DateTimeOffset start) => start.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Every class meeting of the course starting after <paramref name="after"/>, in time order.</summary>
    public static IEnumerable<ClassEvent> Of(CourseSnapshot course, DateTimeOffset after) =>
        course.Calendar.Weeks
            .Where(week => !week.IsHoliday)
            .SelectMany(week => week.Meetings.Where(m => m.Start > after).Select(meeting => Create(course, week, meeting)))
            .OrderBy(e => e.Body.Start);

    public static ClassEvent Create(CourseSnapshot course, CourseWeek week, ClassMeeting meeting)
    {
        var parts = new List<string> { course.Course.Name };
        if (week.Number is { } number)
        {
            parts.Add($"Week {number}");
        }

        if (!string.IsNullOrWhiteSpace(week.Title))
        {
            parts.Add(week.Title);
        }

        var body = new ScheduledEventBody(
            Clip(string.Join(" · ", parts), DiscordLimits.ScheduledEventName),
            Description(meeting),
            meeting.Start.ToUniversalTime(),
            meeting.End.ToUniversalTime(),
            new EventLocationBody(Clip(string.IsNullOrWhiteSpace(meeting.Room) ? DefaultLocation : meeting.Room, DiscordLimits.ScheduledEventLocation)));
        return new ClassEvent(course.Course.Id, body);
    }

    /// <summary>The class's papers, required first, one a line with its link; lines that do not fit are counted instead.</summary>
    private static string? Description(ClassMeeting meeting)
    {
        var lines = meeting.Readings.OrderByDescending(r => r.IsRequired).Select(Line).ToArray();
        if (lines.Length == 0)
        {
            return null;
        }

        for (var shown = lines.Length; ; shown--)
        {
            var text = string.Join('\n', lines.Take(shown));
            if (shown < lines.Length)
            {
                text += (shown > 0 ? "\n" : "") + $"… and {lines.Length - shown} more";
            }

            if (text.Length <= DiscordLimits.ScheduledEventDescription)
            {
                return text;
            }
        }
    }

    private static string Line(Reading reading)
    {
        var label = !reading.IsRequired ? "Optional" : reading.Focus is { } focus ? $"Required ({focus})" : "Required";
        var link = reading.Paper.Url is { } url ? $" <{url}>" : "";
        return $"{label}: {reading.Title ?? reading.Key ?? "untitled"}{link}";
    }

    private static string Clip(string text, int limit) => text.Length <= limit ? text : text[..(limit - 1)] + "…";
}
