using System.Globalization;
using CourseBot.Core.Commands;

namespace CourseBot.Core.Questions;

/// <summary>
/// The time a question points at: a week ("week 4", "next week"), a day ("tomorrow", "Thursday",
/// "Sep 11"), the next class, or several of them (then the reader asks which).
/// </summary>
internal sealed record DayReference(WeekQuery? Week, DateOnly? Day, bool NextClass, IReadOnlyList<string> Choices)
{
    public static readonly DayReference None = new(null, null, false, []);

    private static readonly string[] Months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    private static readonly Dictionary<string, DayOfWeek> Weekdays = new(StringComparer.Ordinal)
    {
        ["monday"] = DayOfWeek.Monday, ["tuesday"] = DayOfWeek.Tuesday, ["wednesday"] = DayOfWeek.Wednesday, ["thursday"] = DayOfWeek.Thursday,
        ["friday"] = DayOfWeek.Friday, ["saturday"] = DayOfWeek.Saturday, ["sunday"] = DayOfWeek.Sunday,
    };

    public bool IsNone => Week is null && Day is null && !NextClass && Choices.Count == 0;

    public bool IsAmbiguous => Choices.Count > 1;

    /// <summary>Finds the time references in <paramref name="words"/>, marking the words it used.</summary>
    public static DayReference Find(List<string> words, bool[] used, CourseSnapshot course, DateOnly today)
    {
        var found = new List<(DayReference Reference, string Spoken)>();
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            var previous = i > 0 && !used[i - 1] ? words[i - 1] : null;
            var next = i + 1 < words.Count ? words[i + 1] : null;
            if (word == "week")
            {
                if (next is not null && int.TryParse(next, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and < 100)
                {
                    used[i] = used[i + 1] = true;
                    found.Add((new(new WeekQuery.Numbered(number), null, false, []), $"week {number}"));
                }
                else if (previous is "this" or "current")
                {
                    used[i - 1] = used[i] = true;
                    found.Add((new(new WeekQuery.ThisWeek(), null, false, []), "this week"));
                }
                else if (previous is "next" or "coming" or "following")
                {
                    used[i - 1] = used[i] = true;
                    found.Add((new(new WeekQuery.NextWeek(), null, false, []), "next week"));
                }
                else if (previous is "last" or "previous" or "past")
                {
                    used[i - 1] = used[i] = true;
                    found.Add((new(new WeekQuery.LastWeek(), null, false, []), "last week"));
                }
                else if (previous is not null && int.TryParse(previous, NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal) && ordinal is > 0 and < 100)
                {
                    used[i - 1] = used[i] = true;
                    found.Add((new(new WeekQuery.Numbered(ordinal), null, false, []), $"week {ordinal}"));
                }
            }
            else if (word is "today" or "tomorrow" or "yesterday")
            {
                used[i] = true;
                var day = word switch { "today" => today, "tomorrow" => today.AddDays(1), _ => today.AddDays(-1) };
                found.Add((Of(day), word));
            }
            else if (Weekdays.TryGetValue(word, out var weekday))
            {
                used[i] = true;
                var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
                var offset = ((int)weekday + 6) % 7;
                DateOnly day;
                if (previous is "next")
                {
                    used[i - 1] = true;
                    day = monday.AddDays(7 + offset);
                }
                else if (previous is "last" or "past")
                {
                    used[i - 1] = true;
                    day = today.AddDays(-(((int)today.DayOfWeek - (int)weekday + 6) % 7) - 1);
                }
                else
                {
                    if (previous is "this" or "coming")
                    {
                        used[i - 1] = true;
                    }

                    day = today.AddDays(((int)weekday - (int)today.DayOfWeek + 7) % 7);
                }

                found.Add((Of(day), Spoken(day)));
            }
            else if (Array.IndexOf(Months, word) is var month and >= 0)
            {
                // "Sep 11", "September 11th", "11 Sep", "the 11th of September".
                var at = next is not null && DayNumber(next) is { } after ? i + 1
                    : previous is not null && DayNumber(previous) is not null ? i - 1
                    : i >= 2 && words[i - 1] == "of" && DayNumber(words[i - 2]) is not null ? i - 2
                    : -1;
                if (at >= 0 && TermDate(course, month + 1, DayNumber(words[at])!.Value) is { } date)
                {
                    used[i] = used[at] = true;
                    found.Add((Of(date), Spoken(date)));
                }
            }
            else if (word.Contains('/', StringComparison.Ordinal))
            {
                var slash = Slashed(word, course);
                if (slash.Count > 0)
                {
                    used[i] = true;
                    found.Add((slash.Count == 1 ? Of(slash[0]) : new(null, null, false, slash.Select(Spoken).ToArray()), word));
                }
            }
            else if (word is "after" or "before" && Holiday(words, i + 1, course) is ({ } holiday, var end))
            {
                // "after Thanksgiving": the first day after the break; "before": the last day before it.
                for (var at = i; at <= end; at++)
                {
                    used[at] = true;
                }

                var day = word == "after" ? holiday.Last.AddDays(1) : holiday.First.AddDays(-1);
                found.Add((Of(day), $"{word} {holiday.Name}"));
            }
            else if (word == "next" && next is "class" or "lecture" or "meeting" or "session" or "seminar")
            {
                used[i] = true;
                found.Add((new(null, null, true, []), "the next class"));
            }
        }

        var distinct = found.DistinctBy(f => f.Spoken).ToArray();
        return distinct.Length switch
        {
            0 => None,
            1 => distinct[0].Reference,
            _ => new(null, null, false, distinct.SelectMany(f => f.Reference.Choices.Count > 0 ? f.Reference.Choices : [f.Spoken]).ToArray()),
        };
    }

    /// <summary>The holiday named at <paramref name="start"/> ("thanksgiving", "the break"), and the index of its last word.</summary>
    private static (Calendar.Holiday? Holiday, int End) Holiday(List<string> words, int start, CourseSnapshot course)
    {
        var at = start < words.Count && words[start] == "the" ? start + 1 : start;
        if (at >= words.Count)
        {
            return (null, 0);
        }

        var holiday = course.Course.Holidays.FirstOrDefault(h => h.Name.Contains(words[at], StringComparison.OrdinalIgnoreCase));
        if (holiday is null && words[at] is "break" or "holiday" or "holidays" && course.Course.Holidays.Count == 1)
        {
            holiday = course.Course.Holidays[0];
        }

        var end = at + 1 < words.Count && words[at + 1] is "break" or "holiday" ? at + 1 : at;
        return holiday is null || words[at].Length < 4 ? (null, 0) : (holiday, end);
    }

    public static string Spoken(DateOnly day) => day.ToString("ddd MMM d", CultureInfo.InvariantCulture);

    private static DayReference Of(DateOnly day) => new(null, day, false, []);

    private static int? DayNumber(string word) =>
        int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 31 ? n : null;

    /// <summary>The date with this month and day nearest the term (a term may cross a new year).</summary>
    private static DateOnly? TermDate(CourseSnapshot course, int month, int day)
    {
        var start = course.Calendar.Weeks[0].Start;
        foreach (var year in new[] { start.Year, start.Year + 1, start.Year - 1 })
        {
            if (day <= DateTime.DaysInMonth(year, month))
            {
                var date = new DateOnly(year, month, day);
                if (InTermWindow(course, date))
                {
                    return date;
                }
            }
        }

        return day <= DateTime.DaysInMonth(start.Year, month) ? new DateOnly(start.Year, month, day) : null;
    }

    private static bool InTermWindow(CourseSnapshot course, DateOnly date) =>
        date >= course.Calendar.Weeks[0].Start.AddDays(-60) && date <= course.Calendar.Weeks[^1].End.AddDays(60);

    /// <summary>"9/11" is September 11 or 9 November: every reading that falls near the term.</summary>
    private static List<DateOnly> Slashed(string word, CourseSnapshot course)
    {
        var parts = word.Split('/');
        var dates = new List<DateOnly>();
        if (parts.Length is < 2 or > 3 || DayNumber(parts[0]) is not { } a || DayNumber(parts[1]) is not { } b)
        {
            return dates;
        }

        foreach (var (month, day) in new[] { (a, b), (b, a) })
        {
            if (month <= 12 && TermDate(course, month, day) is { } date && InTermWindow(course, date) && !dates.Contains(date))
            {
                dates.Add(date);
            }
        }

        return dates;
    }
}
