namespace CourseBot.Bot.Calendar;

/// <summary>
/// The secret token in each student's personal feed address (<c>/calendar/{courseId}/{token}.ics</c>): one per
/// course, platform and user, the same every time they ask.
/// </summary>
public interface ICalendarTokens
{
    /// <summary>The student's token for the course, made on first use; the same on every later call, on any node.</summary>
    Task<string> TokenForAsync(string courseId, string platform, string userId, CancellationToken ct);

    /// <summary>A new token for the student (the next generation); the one they had stops working.</summary>
    Task<string> RenewAsync(string courseId, string platform, string userId, CancellationToken ct);

    /// <summary>
    /// Who <paramref name="token"/> belongs to in the course; null for a token that is unknown there (or malformed:
    /// it is hashed and looked up all the same, so both take the same path).
    /// </summary>
    Task<CalendarTokenOwner?> FindAsync(string courseId, string token, CancellationToken ct);
}

/// <summary>The student a personal feed's token was given to.</summary>
public sealed record CalendarTokenOwner(string Platform, string UserId);
