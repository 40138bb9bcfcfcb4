using System.Buffers;
using System.Text.RegularExpressions;
using CourseBot.Core.ReadingList;

namespace CourseBot.Core.Search;

/// <summary>
/// Finds papers on the reading list by key, system name ("DistServe"), title words, author, or venue,
/// tolerating small typos. Built once per reading list (an inverted index over folded tokens, and the
/// vocabulary by length for typo matching), then only read, so queries are cheap and thread-safe.
/// </summary>
public sealed partial class PaperSearch
{
    // How much a query word counts, by where it matched.
    private const double WholeKey = 1000, SystemName = 60, KeyStem = 60, KeyPart = 30, TitleWord = 10, FirstAuthorWord = 9, AuthorWord = 8, VenueWhole = 6, VenueWord = 4;
    private const double OneTypo = 0.7, TwoTypos = 0.5, Prefix = 0.6;

    private readonly PaperEntry[] _entries;
    private readonly Dictionary<string, Posting[]> _index;
    private readonly string[] _vocabulary;
    private readonly Dictionary<int, Candidate[]> _vocabularyByLength;
    private readonly Dictionary<string, Reading[]>.AlternateLookup<ReadOnlySpan<char>> _byFocusLabel;
    private readonly HashSet<string> _keyStems;

    private static int Bucket(int length, char first) => (length << 16) | first;

    public PaperSearch(CourseReadingList readingList)
    {
        var interner = new TokenInterner();
        _entries = readingList.Readings
            .GroupBy(r => r.Paper.Key, StringComparer.Ordinal)
            .Select((g, i) => new PaperEntry(i, g.First().Paper, g.ToArray(), interner))
            .ToArray();
        var postings = new Dictionary<string, List<Posting>>(StringComparer.Ordinal);
        var terms = new Dictionary<string, double>(StringComparer.Ordinal);
        var scratch = new List<string>();
        foreach (var entry in _entries)
        {
            // A word found in several fields of one paper counts once, at its strongest.
            terms.Clear();
            entry.AddTerms(interner, scratch, (token, weight) => terms[token] = Math.Max(weight, terms.GetValueOrDefault(token)));

            foreach (var (token, weight) in terms)
            {
                if (!postings.TryGetValue(token, out var list))
                {
                    postings[token] = list = [];
                }

                list.Add(new Posting(entry.Index, weight));
            }
        }

        _index = postings.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _vocabulary = _index.Keys.Order(StringComparer.Ordinal).ToArray();
        // Typo candidates share the word's length band and its first letter (or its second, for a swap).
        _vocabularyByLength = _vocabulary.GroupBy(t => Bucket(t.Length, t[0])).ToDictionary(g => g.Key, g => g.Select(Candidate.Of).ToArray());
        _byFocusLabel = readingList.Readings
            .Where(r => r.Requirement.Label?.Contains(' ', StringComparison.Ordinal) == true)
            .GroupBy(r => LabelLetters(r.Requirement.Label!), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
        _keyStems = readingList.Papers.Keys.Select(k => k.IndexOf('-', StringComparison.Ordinal) is var dash and > 0 ? k[..dash] : k).ToHashSet(StringComparer.Ordinal);
    }

    public int Count => _entries.Length;

    /// <summary>Every word the papers are found by, in ordinal order (for tests).</summary>
    internal IReadOnlyList<string> Vocabulary => _vocabulary;

    /// <summary>
    /// The readings whose focus label has more than one word and whose letters and digits, lower-cased, are
    /// <paramref name="text"/>'s with its spaces left out ("Prefill/Decode Disaggregation" for "prefill decode
    /// disaggregation"), in reading-list order: a question names a focus without a scan of every reading.
    /// </summary>
    public IReadOnlyList<Reading> WithFocusLabel(string text)
    {
        var letters = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        var length = 0;
        foreach (var c in text)
        {
            if (c != ' ')
            {
                letters[length++] = c;
            }
        }

        return _byFocusLabel.TryGetValue(letters[..length], out var readings) ? readings : [];
    }

    /// <summary>Whether a word is the stem of a key in the papers file ("distserve" of "distserve-osdi24"), listed or not.</summary>
    public bool IsKeyStem(string word) => _keyStems.Contains(word);

    private static string LabelLetters(string label) =>
        string.Concat(label.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant));

    /// <summary>The best matches, best first: papers matching more query words before those matching fewer.</summary>
    public IReadOnlyList<PaperMatch> Find(string query, int limit = 5)
    {
        var words = QueryWords(query);
        if (words.Count == 0 || limit <= 0)
        {
            return [];
        }

        // Rented, so a query allocates little beyond its result even on a large list.
        var count = _entries.Length;
        var scores = ArrayPool<double>.Shared.Rent(count);
        var best = ArrayPool<double>.Shared.Rent(count);
        var matched = ArrayPool<int>.Shared.Rent(count);
        Array.Clear(scores, 0, count);
        Array.Clear(best, 0, count);
        Array.Clear(matched, 0, count);
        try
        {
            return Rank(words, scores, best, matched, limit);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(scores);
            ArrayPool<double>.Shared.Return(best);
            ArrayPool<int>.Shared.Return(matched);
        }
    }

    private PaperMatch[] Rank(List<string> words, double[] scores, double[] best, int[] matched, int limit)
    {
        var touched = new List<int>();
        foreach (var word in words)
        {
            touched.Clear();
            Match(word, best, touched);
            foreach (var entry in touched)
            {
                scores[entry] += best[entry];
                matched[entry]++;
                best[entry] = 0;
            }
        }

        // "osdi 24" → "osdi24", "paged attention" → "pagedattention": the words written apart.
        if (words.Count > 1 && _index.TryGetValue(string.Concat(words), out var whole))
        {
            foreach (var posting in whole)
            {
                scores[posting.Entry] += posting.Weight;
                matched[posting.Entry] = words.Count;
            }
        }

        // Papers matching more of the words rank first; a paper must match at least a third of them.
        var needed = Math.Max(1, words.Count / 3);
        var top = new List<int>(limit + 1);
        for (var entry = 0; entry < _entries.Length; entry++)
        {
            if (matched[entry] < needed)
            {
                continue;
            }

            var at = top.Count;
            while (at > 0 && Better(entry, top[at - 1], matched, scores))
            {
                at--;
            }

            if (at < limit)
            {
                top.Insert(at, entry);
                if (top.Count > limit)
                {
                    top.RemoveAt(limit);
                }
            }
        }

        return top.Select(e => _entries[e].ToMatch(scores[e])).ToArray();
    }

    private static bool Better(int a, int b, int[] matched, double[] scores) =>
        matched[a] != matched[b] ? matched[a] > matched[b] : scores[a] > scores[b];

    /// <summary>For a query that matched nothing: the papers with the closest-looking words.</summary>
    public IReadOnlyList<PaperMatch> Suggest(string query, int limit = 3)
    {
        // Near misses first (distance up to a third of the word); only when nothing is that near, the
        // looser distance (half the word). One pass at the looser distance finds both: a word within the
        // tighter distance is found by it with the same distance, in the same order.
        var words = QueryWords(query).Where(w => w.Length >= 3)
            .Select(w => (Word: w, Near: Math.Max(2, w.Length / 3), Found: WithinEdits(w, Math.Max(2, w.Length / 2), LengthBuckets(w.Length, Math.Max(2, w.Length / 2))).ToList()))
            .ToList();
        var near = Suggest(words, limit, nearOnly: true);
        return near.Length > 0 ? near : Suggest(words, limit, nearOnly: false);
    }

    private PaperMatch[] Suggest(List<(string Word, int Near, List<(string Token, int Distance)> Found)> words, int limit, bool nearOnly)
    {
        var scores = new Dictionary<int, double>();
        foreach (var (word, nearMax, found) in words)
        {
            foreach (var (token, distance) in found)
            {
                if (nearOnly && distance > nearMax)
                {
                    continue;
                }

                foreach (var posting in _index[token])
                {
                    scores[posting.Entry] = scores.GetValueOrDefault(posting.Entry) + posting.Weight * (1.0 - (double)distance / (word.Length + 1));
                }
            }
        }

        return scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key).Take(limit).Select(s => _entries[s.Key].ToMatch(s.Value)).ToArray();
    }

    /// <summary>The bounds of typo matching, looser: any first letter, length within max.</summary>
    private IEnumerable<Candidate[]> LengthBuckets(int length, int max) =>
        _vocabularyByLength.Where(b => Math.Abs((b.Key >> 16) - length) <= max).Select(b => b.Value);

    /// <summary>Papers for an autocomplete box: each typed word starts a word of the title, key or system name.</summary>
    public IReadOnlyList<PaperMatch> Complete(string prefix, int limit = 25)
    {
        var words = TextFolding.Tokens(prefix);
        return _entries
            .Where(e => words.All(w => e.CompletionWords.Any(t => t.StartsWith(w, StringComparison.Ordinal))))
            .Take(limit)
            .Select(e => e.ToMatch(0))
            .ToArray();
    }

    private static List<string> QueryWords(string query)
    {
        // A pasted paragraph is not a paper query; look at its first words only.
        var tokens = TextFolding.Tokens(query.Length > 500 ? query[..500] : query);
        var words = tokens.Where(t => !TextFolding.StopWords.Contains(t)).Distinct().Take(16).ToList();
        return words.Count > 0 ? words : tokens.Distinct().Take(16).ToList();
    }

    /// <summary>The entries a query word matches, best weight per entry into <paramref name="best"/>: exact, else prefix or typo.</summary>
    private void Match(string word, double[] best, List<int> touched)
    {
        void Add(Posting[] postings, double factor)
        {
            foreach (var posting in postings)
            {
                var weight = posting.Weight * factor;
                if (best[posting.Entry] == 0)
                {
                    touched.Add(posting.Entry);
                }

                best[posting.Entry] = Math.Max(best[posting.Entry], weight);
            }
        }

        if (_index.TryGetValue(word, out var exact))
        {
            Add(exact, 1);
            return;
        }

        if (word.Length >= 3)
        {
            var start = Array.BinarySearch(_vocabulary, word, StringComparer.Ordinal);
            for (var i = start < 0 ? ~start : start; i < _vocabulary.Length && _vocabulary[i].StartsWith(word, StringComparison.Ordinal); i++)
            {
                Add(_index[_vocabulary[i]], Prefix);
            }
        }

        if (word.Length >= 4)
        {
            var max = word.Length >= 8 ? 2 : 1;
            foreach (var (token, distance) in WithinEdits(word, max, SameStartBuckets(word, max)))
            {
                Add(_index[token], distance == 1 ? OneTypo : TwoTypos);
            }
        }
    }

    /// <summary>The vocabulary within <paramref name="max"/> letters of the word's length that starts with its first or second letter (a swapped or missing first letter).</summary>
    private IEnumerable<Candidate[]> SameStartBuckets(string word, int max)
    {
        for (var length = word.Length - max; length <= word.Length + max; length++)
        {
            foreach (var first in word[0] == word[1] ? [word[0]] : new[] { word[0], word[1] })
            {
                if (_vocabularyByLength.TryGetValue(Bucket(length, first), out var candidates))
                {
                    yield return candidates;
                }
            }
        }
    }

    /// <summary>The words of <paramref name="buckets"/> at most <paramref name="max"/> edits from <paramref name="word"/>, with their distance.</summary>
    private static IEnumerable<(string Token, int Distance)> WithinEdits(string word, int max, IEnumerable<Candidate[]> buckets)
    {
        var letters = Candidate.Of(word);
        var beyondThird = LettersBeyondThird(word);
        foreach (var candidates in buckets)
        {
            foreach (var candidate in candidates)
            {
                // Each edit adds or removes at most two letters from the set of letters used:
                // a cheap bound that skips most candidates before the edit distance is computed.
                if (ulong.PopCount(letters.Mask ^ candidate.Mask) > 2 * (ulong)max
                    || letters.FewerShared(candidate, beyondThird) > max)
                {
                    continue;
                }

                var distance = EditDistance.Bounded(word, candidate.Token, max);
                if (distance <= max)
                {
                    yield return (candidate.Token, distance);
                }
            }
        }
    }

    private readonly record struct Posting(int Entry, double Weight);

    /// <summary>A word of the vocabulary and which letters it uses once, twice and three times or more (one bit each, see <see cref="LetterBit"/>).</summary>
    private readonly record struct Candidate(string Token, ulong Mask, ulong Twice, ulong Thrice)
    {
        public static Candidate Of(string token)
        {
            ulong once = 0, twice = 0, thrice = 0;
            foreach (var c in token)
            {
                var bit = LetterBit(c);
                if ((once & bit) == 0)
                {
                    once |= bit;
                }
                else if ((twice & bit) == 0)
                {
                    twice |= bit;
                }
                else
                {
                    thrice |= bit;
                }
            }

            return new Candidate(token, once, twice, thrice);
        }

        /// <summary>
        /// A lower bound of the edit distance from this word to <paramref name="other"/>: the longer word's letters
        /// that the other lacks (as a multiset). An insertion, deletion or substitution changes that count by at
        /// most one and a swap not at all, so no fewer edits can do. A letter <paramref name="other"/> uses three times
        /// or more counts as available as often as this word needs it: the bound may be low, never too high.
        /// </summary>
        public int FewerShared(Candidate other, ReadOnlySpan<ulong> beyondThird)
        {
            var shared = (int)(ulong.PopCount(Mask & other.Mask) + ulong.PopCount(Twice & other.Twice) + ulong.PopCount(Thrice & other.Thrice));
            foreach (var level in beyondThird)
            {
                shared += (int)ulong.PopCount(level & other.Thrice);
            }

            return Math.Max(Token.Length, other.Token.Length) - shared;
        }
    }

    /// <summary>The lower bound of the edit distance that typo matching skips words by (for tests).</summary>
    internal static int DistanceAtLeast(string word, string other) => Candidate.Of(word).FewerShared(Candidate.Of(other), LettersBeyondThird(word));

    /// <summary>Which letters the word uses four times or more, five times or more, and so on: mostly none.</summary>
    private static ulong[] LettersBeyondThird(string word)
    {
        var levels = new List<ulong>();
        Span<int> counts = stackalloc int[64];
        foreach (var c in word)
        {
            var slot = (int)ulong.TrailingZeroCount(LetterBit(c));
            var count = ++counts[slot];
            if (count >= 4)
            {
                while (levels.Count < count - 3)
                {
                    levels.Add(0);
                }

                levels[count - 4] |= LetterBit(c);
            }
        }

        return levels.ToArray();
    }

    /// <summary>The bit of a letter or digit in a word's letter set (other characters share the top bits).</summary>
    private static ulong LetterBit(char c) => 1UL << (c is >= 'a' and <= 'z' ? c - 'a' : c is >= '0' and <= '9' ? 26 + c - '0' : 36 + (c % 28));

    /// <summary>One paper and the words it is found by.</summary>
    private sealed class PaperEntry(int index, Paper paper, Reading[] readings, TokenInterner interner)
    {
        public int Index => index;

        public string[] CompletionWords { get; } = CompletionWordsOf(paper, interner);

        public PaperMatch ToMatch(double score) => new(paper, score, readings);

        /// <summary>Reports every word the paper is found by, with its weight (a word may come twice).</summary>
        public void AddTerms(TokenInterner tokens, List<string> scratch, Action<string, double> add)
        {
            var key = tokens.Joined(paper.Key);
            if (key.Length > 0)
            {
                add(key, WholeKey);
            }

            var dash = paper.Key.LastIndexOf('-');
            if (dash > 0)
            {
                add(tokens.Joined(paper.Key[..dash]), KeyStem);
            }

            AddWords(tokens, scratch, paper.Key, KeyPart, add);
            var system = tokens.Joined(SystemNameOf(paper.Title));
            if (system.Length > 0)
            {
                add(system, SystemName);
            }

            foreach (var word in (paper.Title ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                // "Megatron-LM" is found as "megatron", "lm" and "megatronlm".
                scratch.Clear();
                tokens.Tokenize(word, scratch);
                foreach (var part in scratch)
                {
                    if (!TextFolding.StopWords.Contains(part))
                    {
                        add(part, TitleWord);
                    }
                }

                if (scratch.Count > 1)
                {
                    add(tokens.Concat(scratch, 0, scratch.Count), TitleWord);
                }
            }

            // "/paper Shazeer" should name the paper he wrote first before the one he is third author of.
            var authors = AuthorList().Split(paper.Authors ?? "");
            for (var i = 0; i < authors.Length; i++)
            {
                scratch.Clear();
                tokens.Tokenize(authors[i], scratch);
                foreach (var word in scratch)
                {
                    if (word is not ("and" or "et" or "al"))
                    {
                        add(word, i == 0 ? FirstAuthorWord : AuthorWord);
                    }
                }
            }

            var venue = tokens.Joined(paper.Venue);
            if (venue.Length > 0)
            {
                add(venue, VenueWhole);
            }

            AddWords(tokens, scratch, paper.Venue, VenueWord, add);
        }

        private static void AddWords(TokenInterner tokens, List<string> scratch, string? text, double weight, Action<string, double> add)
        {
            scratch.Clear();
            tokens.Tokenize(text, scratch);
            foreach (var word in scratch)
            {
                add(word, weight);
            }
        }

        private static string[] CompletionWordsOf(Paper paper, TokenInterner tokens)
        {
            var words = new List<string>();
            tokens.Tokenize(paper.Title, words);
            tokens.Tokenize(paper.Key, words);
            words.Add(tokens.Joined(SystemNameOf(paper.Title)));
            return words.ToArray();
        }

        /// <summary>"DistServe: Disaggregating …" → "DistServe"; a title without a colon has none.</summary>
        private static string? SystemNameOf(string? title)
        {
            var colon = title?.IndexOf(':') ?? -1;
            return colon > 0 && colon <= 40 ? title![..colon] : null;
        }
    }

    /// <summary>Separates the names of an author list: "A, B, and C", "A and B", "A; B".</summary>
    [GeneratedRegex(@"\s*[,;]\s*(?:and\s+)?|\s+and\s+", RegexOptions.IgnoreCase)]
    private static partial Regex AuthorList();
}
