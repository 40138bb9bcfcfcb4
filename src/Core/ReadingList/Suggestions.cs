namespace CourseBot.Core.ReadingList;

/// <summary>"Did you mean …" hints from the closest known names by edit distance.</summary>
internal static class Suggestions
{
    public static IReadOnlyList<string> Closest(string word, IEnumerable<string> candidates, int max = 3)
    {
        var trimmed = word.Trim();
        if (trimmed.Length > 2 * Excerpt.MaxLength)
        {
            // No name is that long; comparing would only cost time (edit distance is quadratic).
            return [];
        }

        var limit = Math.Max(2, trimmed.Length / 3);
        var close = candidates
            .Select(c => (Candidate: c, Distance: string.Equals(c, trimmed, StringComparison.OrdinalIgnoreCase) ? 0 : EditDistance(trimmed.ToLowerInvariant(), c.ToLowerInvariant())))
            .Where(x => x.Distance <= limit)
            .OrderBy(x => x.Distance)
            .ThenBy(x => x.Candidate, StringComparer.Ordinal)
            .ToArray();

        // Only the nearest: a key that differs by a stray space should not drag in look-alikes.
        return close.Length == 0 ? [] : close.Where(x => x.Distance <= close[0].Distance + (close[0].Distance == 0 ? 0 : 1)).Take(max).Select(x => x.Candidate).ToArray();
    }

    public static string? DidYouMean(string word, IEnumerable<string> candidates)
    {
        var closest = Closest(word, candidates);
        return closest.Count == 0 ? null : "did you mean " + string.Join(" or ", closest.Select(c => $"\"{c}\"")) + "?";
    }

    /// <summary>Levenshtein distance with two rolling rows.</summary>
    public static int EditDistance(string a, string b)
    {
        if (a.Length == 0)
        {
            return b.Length;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
