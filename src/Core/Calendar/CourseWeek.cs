using CourseBot.Core.ReadingList;

namespace CourseBot.Core.Calendar;

/// <summary>
/// One calendar week of the term (Monday to Sunday in the course's time zone).
/// </summary>
/// <param name="Number">The week's number as the course counts it; null for a holiday week that is not numbered.</param>
/// <param name="Start">The Monday.</param>
/// <param name="End">The Sunday.</param>
/// <param name="Holiday">The holiday's name when the week is a holiday (no class, no readings).</param>
/// <param name="Title">What the week covers: the topic name(s) joined, or the plan's title; null when nothing is planned.</param>
/// <param name="Topics">The reading-list topics this week covers (a topic may span several weeks).</param>
/// <param name="Readings">The week's readings in reading-list order (a plan may pick papers instead of whole topics).</param>
/// <param name="Meetings">Class meetings this week, in time order (none for a holiday week).</param>
public sealed record CourseWeek(
    int? Number,
    DateOnly Start,
    DateOnly End,
    string? Holiday,
    string? Title,
    IReadOnlyList<Topic> Topics,
    IReadOnlyList<Reading> Readings,
    IReadOnlyList<ClassMeeting> Meetings)
{
    public bool IsHoliday => Holiday is not null;

    public bool HasReadings => Readings.Count > 0;
}
