using CourseBot.Core.Calendar;
using CourseBot.Core.Replies;

namespace CourseBot.Core.Commands;

/// <summary>How weeks are named in replies, the same everywhere.</summary>
public static class WeekLabels
{
    public static string Label(CourseWeek week) => week.Number is { } number ? $"Week {number}" : week.Holiday ?? "Unnumbered week";

    public static string Title(CourseWeek week) => week switch
    {
        { IsHoliday: true, Number: null } => $"{week.Holiday}",
        { IsHoliday: true } => $"{Label(week)} · {week.Holiday}",
        { Title: { } title } => $"{Label(week)} · {title}",
        _ => $"{Label(week)} · No readings",
    };

    public static string Dates(CourseWeek week) => PlainTextRenderer.FormatDates(week.Start, week.End);
}
