using CourseBot.Core.Calendar;
using CourseBot.Core.ReadingList;

namespace CourseBot.Core.Commands;

/// <summary>
/// Finds the week a topic name refers to: exact name, initials ("MoE", "RAG"), words or part of a
/// name ("serving"), a part ("Part 3"), or a close misspelling ("agentc").
/// </summary>
internal static class TopicMatcher
{
    public static CourseWeek? Match(string query, TermCalendar calendar, out IReadOnlyList<string> suggestions) =>
        Match(query, calendar, out suggestions, out _, suggest: true);

    /// <summary>The best week and how well it matched: 100 exact, 90 initials, 80 words or prefixes, 50 a close misspelling, 0 none.</summary>
    public static CourseWeek? Best(string query, TermCalendar calendar, out int score) =>
        Match(query, calendar, out _, out score, suggest: false);

    private static CourseWeek? Match(string query, TermCalendar calendar, out IReadOnlyList<string> suggestions, out int bestScore, bool suggest)
    {
        var wanted = Normalize(query);
        var best = (Week: (CourseWeek?)null, Score: 0);
        var names = new List<string>();
        foreach (var week in calendar.Weeks)
        {
            foreach (var name in NamesOf(week))
            {
                names.Add(name);
                var score = Score(wanted, Normalize(name));
                if (score > best.Score)
                {
                    best = (week, score);
                }
            }
        }

        suggestions = best.Week is null && suggest ? Suggestions.Closest(query, names.Distinct()) : [];
        bestScore = best.Score;
        return best.Week;
    }

    private static IEnumerable<string> NamesOf(CourseWeek week)
    {
        if (week.Title is not null)
        {
            yield return week.Title;
        }

        foreach (var topic in week.Topics)
        {
            yield return topic.Name;
            if (topic.Part is { } part)
            {
                yield return part.Heading;
                if (part.Number is { } number)
                {
                    yield return $"Part {number}";
                }
            }
        }
    }

    private static int Score(string[] wanted, string[] name)
    {
        if (wanted.Length == 0 || name.Length == 0)
        {
            return 0;
        }

        if (wanted.SequenceEqual(name))
        {
            return 100;
        }

        // "moe" or "me" for "Mixture of Experts": the initials with and without the words of two letters or less.
        if (wanted.Length == 1 && wanted[0].Length >= 2
            && (Initials(name) == wanted[0] || Initials(name.Where(w => w.Length > 2)) == wanted[0]))
        {
            return 90;
        }

        if (wanted.All(w => name.Any(n => n.StartsWith(w, StringComparison.Ordinal))))
        {
            return 80;
        }

        // "multimodal" for "Multi-Modal Generation": the words written together.
        var joined = string.Concat(wanted);
        if (joined.Length >= 5 && string.Concat(name).StartsWith(joined, StringComparison.Ordinal))
        {
            return 80;
        }

        if (wanted.All(w => w.Length >= 4 && name.Any(n => Suggestions.EditDistance(w, n.Length > w.Length ? n[..w.Length] : n) <= (w.Length >= 7 ? 2 : 1))))
        {
            return 50;
        }

        return 0;
    }

    private static string Initials(IEnumerable<string> words) => string.Concat(words.Select(w => w[0]));

    internal static string[] Normalize(string text) =>
        text.ToLowerInvariant().Split(
            [' ', '-', '_', ':', '/', ',', '.', '(', ')', '\'', '"', '&', '+'],
            StringSplitOptions.RemoveEmptyEntries);
}
