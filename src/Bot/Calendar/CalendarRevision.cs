namespace CourseBot.Bot.Calendar;

/// <summary>One event's revision: its SEQUENCE and when its content last changed.</summary>
public sealed record CalendarRevision(int Sequence, DateTimeOffset ChangedAt);
