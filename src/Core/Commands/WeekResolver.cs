using CourseBot.Core.Calendar;

namespace CourseBot.Core.Commands;

/// <summary>Turns "this week", "next week", "week 3" or a topic name into a week of the term.</summary>
public static class WeekResolver
{
    public static WeekAnswer Resolve(WeekQuery? query, TermCalendar calendar, DateTimeOffset now) => query switch
    {
        null or WeekQuery.ThisWeek => At(calendar, now),
        WeekQuery.NextWeek => At(calendar, now.AddDays(7)),
        WeekQuery.LastWeek => At(calendar, now.AddDays(-7)),
        WeekQuery.Numbered numbered => calendar.Week(numbered.Number) is { } week
            ? new WeekAnswer.Found(week)
            : new WeekAnswer.NotFound(NoSuchWeek(numbered.Number, calendar)),
        WeekQuery.Named named => ByTopic(named.Text, calendar, now),
        _ => throw new ArgumentOutOfRangeException(nameof(query)),
    };

    private static WeekAnswer At(TermCalendar calendar, DateTimeOffset instant) => calendar.Locate(instant) switch
    {
        TermPosition.InTerm inTerm => new WeekAnswer.Found(inTerm.Week),
        TermPosition.BeforeTerm before => new WeekAnswer.BeforeTerm(before.FirstWeek),
        TermPosition.AfterTerm after => new WeekAnswer.AfterTerm(after.LastWeek),
        _ => throw new InvalidOperationException("unknown term position"),
    };

    private static WeekAnswer ByTopic(string text, TermCalendar calendar, DateTimeOffset now)
    {
        var week = TopicMatcher.Match(text, calendar, out var suggestions);
        if (week is not null)
        {
            return new WeekAnswer.Found(week);
        }

        var hint = suggestions.Count > 0
            ? $" Did you mean {string.Join(" or ", suggestions.Select(s => $"\"{s}\""))}?"
            : " Try a week number (\"week 3\"), \"this week\", \"next week\", or a topic from /schedule.";
        return new WeekAnswer.NotFound($"No week or topic matches \"{text}\".{hint}");
    }

    private static string NoSuchWeek(int number, TermCalendar calendar)
    {
        var numbers = calendar.Weeks.Where(w => w.Number is not null).Select(w => w.Number!.Value).ToArray();
        return numbers.Length == 0
            ? $"There is no week {number}: the term has no numbered weeks."
            : $"There is no week {number}: the term has weeks {numbers.Min()}–{numbers.Max()}.";
    }
}
