namespace CourseBot.Bot.Calendar;

/// <summary>
/// One event of a course's calendar feed, before it is written: a class meeting, a reading-response deadline
/// or a holiday.
/// </summary>
/// <param name="Uid">Stable across edits: course, kind and slot (a meeting's local date and time, a holiday's dates), never a week number.</param>
/// <param name="Start">A timed event's start (null for an all-day event).</param>
/// <param name="End">A timed event's end; null for a moment (a deadline) or an all-day event.</param>
/// <param name="FirstDay">An all-day event's first day.</param>
/// <param name="LastDay">An all-day event's last day (inclusive).</param>
/// <param name="Reminders">How long before the start an alarm goes off (a deadline's reminder lead times).</param>
internal sealed record CalendarEntry(
    string Uid,
    string Summary,
    string Description,
    string? Location,
    DateTimeOffset? Start,
    DateTimeOffset? End,
    DateOnly? FirstDay,
    DateOnly? LastDay,
    IReadOnlyList<TimeSpan> Reminders)
{
    /// <summary>
    /// What the event says, for telling whether it changed (SEQUENCE): every field written to the feed except
    /// those that record the change itself (SEQUENCE, DTSTAMP, LAST-MODIFIED).
    /// </summary>
    public string ContentHash
    {
        get
        {
            var text = string.Join('\u001f', Uid, Summary, Description, Location ?? "",
                Start?.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
                End?.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
                FirstDay?.DayNumber.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
                LastDay?.DayNumber.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
                string.Join(',', Reminders.Select(r => r.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            return Hashes.Of(text);
        }
    }
}
