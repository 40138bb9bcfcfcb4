using CourseBot.Core.Calendar;
using CourseBot.Core.ReadingList;
using CourseBot.Core.Search;

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
    /// <remarks>Scores as the commands do, on <paramref name="names"/> split once per snapshot: a question pays for its own words only.</remarks>
    public static CourseWeek? Best(string query, WeekNames names, out int score)
    {
        var wanted = Normalize(query);
        var joined = string.Concat(wanted);
        var typos = wanted.Length > 0 && wanted.All(w => w.Length >= 4);
        var best = (Week: (CourseWeek?)null, Score: 0);
        foreach (var (week, name) in names.All)
        {
            var value = Score(wanted, joined, typos, name);
            if (value > best.Score)
            {
                best = (week, value);
            }
        }

        score = best.Score;
        return best.Week;
    }

    private static int Score(string[] wanted, string joined, bool typos, WeekNames.Name name)
    {
        var words = name.Words;
        if (wanted.Length == 0 || words.Length == 0)
        {
            return 0;
        }

        if (wanted.AsSpan().SequenceEqual(words))
        {
            return 100;
        }

        if (wanted.Length == 1 && wanted[0].Length >= 2 && (name.Initials == wanted[0] || name.LongInitials == wanted[0]))
        {
            return 90;
        }

        if (EveryWordFits(wanted, words, typos: false))
        {
            return 80;
        }

        if (joined.Length >= 5 && name.Joined.StartsWith(joined, StringComparison.Ordinal))
        {
            return 80;
        }

        return typos && EveryWordFits(wanted, words, typos: true) ? 50 : 0;
    }

    /// <summary>Whether each wanted word starts a word of the name (or, with <paramref name="typos"/>, nearly does). Loops, not LINQ: this runs for every name of the term.</summary>
    private static bool EveryWordFits(string[] wanted, string[] words, bool typos)
    {
        foreach (var w in wanted)
        {
            var fits = false;
            foreach (var n in words)
            {
                var max = w.Length >= 7 ? 2 : 1;
                if (typos ? EditDistance.LevenshteinBounded(w, n.Length > w.Length ? n.AsSpan(0, w.Length) : n, max) <= max : n.StartsWith(w, StringComparison.Ordinal))
                {
                    fits = true;
                    break;
                }
            }

            if (!fits)
            {
                return false;
            }
        }

        return true;
    }

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

    internal static IEnumerable<string> NamesOf(CourseWeek week)
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

    internal static string Initials(IEnumerable<string> words) => string.Concat(words.Select(w => w[0]));

    internal static string[] Normalize(string text) =>
        text.ToLowerInvariant().Split(
            [' ', '-', '_', ':', '/', ',', '.', '(', ')', '\'', '"', '&', '+'],
            StringSplitOptions.RemoveEmptyEntries);
}
