namespace CourseBot.Core.Search;

/// <summary>
/// Lower-cases, folds Latin diacritics (é → e, ł → l) and splits text into word tokens. Done by a small
/// table because the bot runs with invariant globalization, where Unicode normalization is unavailable.
/// </summary>
internal static class TextFolding
{
    private static readonly Dictionary<char, char> Folds = BuildFolds();

    public static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "of", "for", "and", "or", "in", "on", "at", "to", "with", "by", "from", "via", "is", "are", "as", "using", "towards", "toward",
    };

    /// <summary>The folded word tokens of <paramref name="text"/> (letters and digits; everything else separates).</summary>
    public static List<string> Tokens(string? text)
    {
        var tokens = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return tokens;
        }

        var span = text.AsSpan();
        for (var i = 0; i < span.Length;)
        {
            if (!char.IsLetterOrDigit(span[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < span.Length && char.IsLetterOrDigit(span[i]))
            {
                i++;
            }

            tokens.Add(string.Create(i - start, (text, start), static (chars, state) =>
            {
                for (var c = 0; c < chars.Length; c++)
                {
                    chars[c] = Fold(state.text[state.start + c]);
                }
            }));
        }

        return tokens;
    }

    public static char Fold(char c)
    {
        var lower = char.ToLowerInvariant(c);
        return Folds.TryGetValue(lower, out var plain) ? plain : lower;
    }

    private static Dictionary<char, char> BuildFolds()
    {
        var folds = new Dictionary<char, char>();
        void Add(string accented, char plain)
        {
            foreach (var c in accented)
            {
                folds[c] = plain;
            }
        }

        Add("àáâãäåāăą", 'a');
        Add("çćĉċč", 'c');
        Add("ďđ", 'd');
        Add("èéêëēĕėęě", 'e');
        Add("ĝğġģ", 'g');
        Add("ĥħ", 'h');
        Add("ìíîïĩīĭįı", 'i');
        Add("ĵ", 'j');
        Add("ķ", 'k');
        Add("ĺļľŀł", 'l');
        Add("ñńņňŉ", 'n');
        Add("òóôõöøōŏő", 'o');
        Add("ŕŗř", 'r');
        Add("śŝşšș", 's');
        Add("ţťŧț", 't');
        Add("ùúûüũūŭůűų", 'u');
        Add("ŵ", 'w');
        Add("ýÿŷ", 'y');
        Add("źżž", 'z');
        return folds;
    }
}
