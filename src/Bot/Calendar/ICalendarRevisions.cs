namespace CourseBot.Bot.Calendar;

/// <summary>
/// What each calendar event last said and how often it changed: the source of its SEQUENCE and of the
/// feed's DTSTAMP/LAST-MODIFIED times.
/// </summary>
public interface ICalendarRevisions
{
    /// <summary>
    /// Records the content hash of each (uid, hash) pair of a course: a new uid starts at sequence 0, a
    /// changed hash adds one, an unchanged one keeps its sequence and time. Returns every pair's revision.
    /// </summary>
    Task<IReadOnlyDictionary<string, CalendarRevision>> RecordAsync(
        string courseId, IReadOnlyList<(string Uid, string Hash)> contents, CancellationToken ct);
}
