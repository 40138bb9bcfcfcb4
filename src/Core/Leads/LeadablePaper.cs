using CourseBot.Core.Calendar;
using CourseBot.Core.ReadingList;

namespace CourseBot.Core.Leads;

/// <summary>A paper students can sign up to lead, with the week and the class that discuss it.</summary>
public sealed record LeadablePaper(Reading Reading, CourseWeek Week, ClassMeeting Class)
{
    /// <summary>A name prefix longer than this is a sentence, not a system name.</summary>
    private const int LongestShortName = 30;

    public string Key => Reading.Key ?? "";

    public Paper Paper => Reading.Paper;

    /// <summary>The full title; the key when the papers file has none.</summary>
    public string Title => Reading.Paper.Title ?? Key;

    /// <summary>The system name before a title's colon ("AReaL" for "AReaL: A Large-Scale …"), else the full title.</summary>
    public string ShortTitle => ShortOf(Title);

    /// <summary>The week's Monday: how staff closures and roster posts name the week.</summary>
    public DateOnly WeekStart => Week.Start;

    internal static string ShortOf(string title)
    {
        var colon = title.IndexOf(": ", StringComparison.Ordinal);
        return colon is > 0 and <= LongestShortName ? title[..colon] : title;
    }
}
