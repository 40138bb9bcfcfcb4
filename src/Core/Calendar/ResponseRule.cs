namespace CourseBot.Core.Calendar;

/// <summary>When reading responses are due: at <paramref name="Due"/> on the day <paramref name="DaysBefore"/> days before each class.</summary>
public sealed record ResponseRule(TimeOnly Due, int DaysBefore);
