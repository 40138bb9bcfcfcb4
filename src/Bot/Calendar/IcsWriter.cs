using System.Globalization;
using System.Text;

namespace CourseBot.Bot.Calendar;

/// <summary>
/// Writes iCalendar text (RFC 5545): content lines ended by CRLF and folded at 75 octets without splitting a
/// UTF-8 character, TEXT values escaped, date-times in the course's zone or UTC.
/// </summary>
/// <remarks>
/// The feed is written here rather than with Ical.Net because Ical.Net 5.2.4 is not trim-safe: the native
/// publish of the bot fails with its IL2072/IL2075/IL2087 warnings (Activator.CreateInstance on GetType() in
/// CalendarObjectBase.Copy, CalendarDataType.Copy, GroupedValueList.Set; GetInterfaces in ServiceProvider).
/// The tests read every feed back with Ical.Net and with Python's icalendar.
/// </remarks>
internal sealed class IcsWriter
{
    /// <summary>The longest a content line may be, in octets, before it is folded (RFC 5545 §3.1).</summary>
    public const int MaxLineOctets = 75;

    private readonly StringBuilder _text = new();

    public void Begin(string component) => Line($"BEGIN:{component}");

    public void End(string component) => Line($"END:{component}");

    /// <summary>A TEXT property (SUMMARY, DESCRIPTION, LOCATION…): the value is escaped.</summary>
    public void Text(string name, string value) => Line($"{name}:{EscapeText(value)}");

    /// <summary>A property whose value is already in its iCalendar form (an integer, a URI, a duration).</summary>
    public void Value(string name, string value) => Line($"{name}:{value}");

    /// <summary>A DATE-TIME in UTC, e.g. <c>DTSTAMP:20250826T173000Z</c>.</summary>
    public void Utc(string name, DateTimeOffset instant) =>
        Line($"{name}:{instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}");

    /// <summary>A DATE-TIME as the local time of <paramref name="zone"/>, with its TZID (the VTIMEZONE of the same id).</summary>
    public void Local(string name, DateTimeOffset instant, TimeZoneInfo zone) =>
        Line($"{name};TZID={ParameterValue(zone.Id)}:{LocalTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime)}");

    /// <summary>A DATE (an all-day event's day).</summary>
    public void Date(string name, DateOnly day) =>
        Line($"{name};VALUE=DATE:{day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}");

    /// <summary>One content line, folded: after each 75 octets a CRLF and one space (RFC 5545 §3.1).</summary>
    public void Line(string line)
    {
        var octets = 0;
        for (var i = 0; i < line.Length;)
        {
            var rune = Rune.GetRuneAt(line, i);
            var length = rune.Utf8SequenceLength;
            if (octets + length > MaxLineOctets)
            {
                _text.Append("\r\n ");
                octets = 1;
            }

            _text.Append(line, i, rune.Utf16SequenceLength);
            octets += length;
            i += rune.Utf16SequenceLength;
        }

        _text.Append("\r\n");
    }

    public override string ToString() => _text.ToString();

    /// <summary>TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and newline; a CR alone is dropped.</summary>
    public static string EscapeText(string value)
    {
        var escaped = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\':
                    escaped.Append(@"\\");
                    break;
                case ';':
                    escaped.Append(@"\;");
                    break;
                case ',':
                    escaped.Append(@"\,");
                    break;
                case '\n':
                    escaped.Append(@"\n");
                    break;
                case '\r':
                    break;
                default:
                    // Other control characters are not allowed in TEXT (§3.3.11); a tab is.
                    if (!char.IsControl(c) || c == '\t')
                    {
                        escaped.Append(c);
                    }

                    break;
            }
        }

        return escaped.ToString();
    }

    /// <summary>A parameter value, quoted when it holds a character that would end it (RFC 5545 §3.2).</summary>
    public static string ParameterValue(string value) =>
        value.AsSpan().IndexOfAny(":;,") >= 0 ? $"\"{value.Replace("\"", "", StringComparison.Ordinal)}\"" : value;

    public static string LocalTime(DateTime local) => local.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);

    /// <summary>A UTC offset as iCalendar writes it: -0500, +0530.</summary>
    public static string Offset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString("hhmm", CultureInfo.InvariantCulture);

    /// <summary>A duration before an event (a VALARM trigger): -PT3H, -P1DT30M.</summary>
    public static string Before(TimeSpan lead)
    {
        var text = new StringBuilder("-P");
        if (lead.Days > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{lead.Days}D");
        }

        if (lead.Hours > 0 || lead.Minutes > 0 || lead.Seconds > 0 || lead.Days == 0)
        {
            text.Append('T');
            if (lead.Hours > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"{lead.Hours}H");
            }

            if (lead.Minutes > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"{lead.Minutes}M");
            }

            if (lead.Seconds > 0 || (lead.Hours == 0 && lead.Minutes == 0))
            {
                text.Append(CultureInfo.InvariantCulture, $"{lead.Seconds}S");
            }
        }

        return text.ToString();
    }
}
