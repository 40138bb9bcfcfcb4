namespace CourseBot.Core.Calendar;

/// <summary>A weekly class meeting: "Tuesday 12:30–14:00".</summary>
public sealed record MeetingPattern(DayOfWeek Day, TimeOnly Start, TimeOnly End)
{
    /// <summary>Where class meets (the course file's optional <c>room</c>), e.g. "GDC 1.304".</summary>
    public string? Room { get; init; }
}
