namespace CourseBot.Core.Calendar;

/// <summary>A weekly class meeting: "Tuesday 12:30–14:00".</summary>
public sealed record MeetingPattern(DayOfWeek Day, TimeOnly Start, TimeOnly End);
