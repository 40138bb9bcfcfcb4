namespace CourseBot.Core.Replies;

/// <summary>One week of the term as the schedule shows it.</summary>
/// <param name="Label">"Week 3", or the holiday's name for an unnumbered holiday week.</param>
/// <param name="Title">The topic(s) covered, "Holiday: …", or "No readings".</param>
/// <param name="IsCurrent">True for the week that contains "now".</param>
public sealed record ScheduleRow(string Label, DateOnly Start, DateOnly End, string Title, bool IsHoliday, bool IsCurrent);
