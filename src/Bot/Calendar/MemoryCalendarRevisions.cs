namespace CourseBot.Bot.Calendar;

/// <summary>
/// Revisions kept for one command: <c>coursebot calendar</c> without a store writes every event at
/// SEQUENCE 0, stamped now.
/// </summary>
internal sealed class MemoryCalendarRevisions(TimeProvider time) : ICalendarRevisions
{
    public Task<IReadOnlyDictionary<string, CalendarRevision>> RecordAsync(
        string courseId, IReadOnlyList<(string Uid, string Hash)> contents, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        IReadOnlyDictionary<string, CalendarRevision> revisions = contents
            .DistinctBy(c => c.Uid)
            .ToDictionary(c => c.Uid, _ => new CalendarRevision(0, now), StringComparer.Ordinal);
        return Task.FromResult(revisions);
    }
}
