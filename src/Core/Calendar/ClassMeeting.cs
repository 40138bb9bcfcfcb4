using CourseBot.Core.ReadingList;

namespace CourseBot.Core.Calendar;

/// <summary>One class meeting of a week, with the reading-response deadline that goes with it.</summary>
/// <param name="Start">When class starts, in the course's time zone.</param>
/// <param name="End">When class ends, in the course's time zone.</param>
/// <param name="ResponseDue">When the reading response for this class is due (null when the course sets no rule).</param>
public sealed record ClassMeeting(DateTimeOffset Start, DateTimeOffset End, DateTimeOffset? ResponseDue)
{
    /// <summary>
    /// The papers this class discusses, in page order: by default the week's readings split as evenly as
    /// possible over its meetings, the first part to the first meeting.
    /// </summary>
    public IReadOnlyList<Reading> Readings { get; init; } = [];

    /// <summary>Where class meets, from the meeting's <c>room</c> in the course file (null when not given).</summary>
    public string? Room { get; init; }
}
