using CourseBot.Core.ReadingList;

namespace CourseBot.Core.Search;

/// <summary>
/// Finds papers on the reading list by key, system name ("DistServe"), title words, author, or venue,
/// tolerating small typos. Built once per reading list (an inverted index over folded tokens, and the
/// vocabulary by length for typo matching), then only read, so queries are cheap and thread-safe.
/// </summary>
public sealed class PaperSearch
{
    // How much a query word counts, by where it matched.
    private const double WholeKey = 1000, SystemName = 60, KeyStem = 60, KeyPart = 30, TitleWord = 10, AuthorWord = 8, VenueWhole = 6, VenueWord = 4;
    private const double OneTypo = 0.7, TwoTypos = 0.5, Prefix = 0.6;

    private readonly PaperEntry[] _entries;
    private readonly Dictionary<string, Posting[]> _index;
    private readonly string[] _vocabulary;
    private readonly Dictionary<int, string[]> _vocabularyByLength;

    public PaperSearch(CourseReadingList readingList)
    {
        _entries = readingList.Readings
            .GroupBy(r => r.Paper.Key, StringComparer.Ordinal)
            .Select((g, i) => new PaperEntry(i, g.First().Paper, g.ToArray()))
            .ToArray();
        var postings = new Dictionary<string, Dictionary<int, double>>(StringComparer.Ordinal);
        foreach (var entry in _entries)
        {
            foreach (var (token, weight) in entry.Terms())
            {
                if (!postings.TryGetValue(token, out var byEntry))
                {
                    postings[token] = byEntry = [];
                }

                byEntry[entry.Index] = Math.Max(weight, byEntry.GetValueOrDefault(entry.Index));
            }
        }

        _index = postings.ToDictionary(p => p.Key, p => p.Value.Select(e => new Posting(e.Key, e.Value)).ToArray(), StringComparer.Ordinal);
        _vocabulary = _index.Keys.Order(StringComparer.Ordinal).ToArray();
        _vocabularyByLength = _vocabulary.GroupBy(t => t.Length).ToDictionary(g => g.Key, g => g.ToArray());
    }

    public int Count => _entries.Length;

    /// <summary>The best matches, best first: papers matching every query word before those matching some.</summary>
    public IReadOnlyList<PaperMatch> Find(string query, int limit = 5)
    {
        var words = QueryWords(query);
        if (words.Count == 0 || limit <= 0)
        {
            return [];
        }

        var scores = new Dictionary<int, (double Score, int Words)>();
        foreach (var word in words)
        {
            foreach (var (entry, weight) in Match(word))
            {
                var current = scores.GetValueOrDefault(entry);
                scores[entry] = (current.Score + weight, current.Words + 1);
            }
        }

        // "osdi 24" → "osdi24", "paged attention" → "pagedattention": the words written apart.
        var joined = string.Concat(words);
        if (words.Count > 1 && _index.TryGetValue(joined, out var whole))
        {
            foreach (var posting in whole)
            {
                var current = scores.GetValueOrDefault(posting.Entry);
                scores[posting.Entry] = (current.Score + posting.Weight, words.Count);
            }
        }

        // Papers matching more of the words rank first; a paper must match at least a third of them.
        var needed = Math.Max(1, words.Count / 3);
        return scores
            .Where(s => s.Value.Words >= needed)
            .OrderByDescending(s => s.Value.Words)
            .ThenByDescending(s => s.Value.Score)
            .ThenBy(s => s.Key)
            .Take(limit)
            .Select(s => _entries[s.Key].ToMatch(s.Value.Score))
            .ToArray();
    }

    /// <summary>For a query that matched nothing: the papers with the closest-looking words.</summary>
    public IReadOnlyList<PaperMatch> Suggest(string query, int limit = 3)
    {
        var scores = new Dictionary<int, double>();
        foreach (var word in QueryWords(query).Where(w => w.Length >= 3))
        {
            var max = Math.Max(2, word.Length / 2);
            foreach (var token in _vocabulary)
            {
                var distance = EditDistance.Bounded(word, token, max);
                if (distance <= max)
                {
                    foreach (var posting in _index[token])
                    {
                        scores[posting.Entry] = scores.GetValueOrDefault(posting.Entry) + posting.Weight * (1.0 - (double)distance / (word.Length + 1));
                    }
                }
            }
        }

        return scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key).Take(limit).Select(s => _entries[s.Key].ToMatch(s.Value)).ToArray();
    }

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

    /// <summary>The entries a query word matches, with the best weight per entry: exact, else prefix or typo.</summary>
    private Dictionary<int, double> Match(string word)
    {
        var best = new Dictionary<int, double>();
        void Add(Posting[] postings, double factor)
        {
            foreach (var posting in postings)
            {
                best[posting.Entry] = Math.Max(best.GetValueOrDefault(posting.Entry), posting.Weight * factor);
            }
        }

        if (_index.TryGetValue(word, out var exact))
        {
            Add(exact, 1);
            return best;
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
            for (var length = word.Length - max; length <= word.Length + max; length++)
            {
                if (!_vocabularyByLength.TryGetValue(length, out var candidates))
                {
                    continue;
                }

                foreach (var candidate in candidates)
                {
                    var distance = EditDistance.Bounded(word, candidate, max);
                    if (distance <= max)
                    {
                        Add(_index[candidate], distance == 1 ? OneTypo : TwoTypos);
                    }
                }
            }
        }

        return best;
    }

    private readonly record struct Posting(int Entry, double Weight);

    /// <summary>One paper and the words it is found by.</summary>
    private sealed class PaperEntry(int index, Paper paper, Reading[] readings)
    {
        public int Index => index;

        public string[] CompletionWords { get; } =
            [.. TextFolding.Tokens(paper.Title), .. TextFolding.Tokens(paper.Key), TextFolding.Joined(SystemNameOf(paper.Title))];

        public PaperMatch ToMatch(double score) => new(paper, score, readings);

        public IEnumerable<(string Token, double Weight)> Terms()
        {
            var key = TextFolding.Joined(paper.Key);
            if (key.Length > 0)
            {
                yield return (key, WholeKey);
            }

            var dash = paper.Key.LastIndexOf('-');
            if (dash > 0)
            {
                yield return (TextFolding.Joined(paper.Key[..dash]), KeyStem);
            }

            foreach (var part in TextFolding.Tokens(paper.Key))
            {
                yield return (part, KeyPart);
            }

            var system = TextFolding.Joined(SystemNameOf(paper.Title));
            if (system.Length > 0)
            {
                yield return (system, SystemName);
            }

            foreach (var word in (paper.Title ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                // "Megatron-LM" is found as "megatron", "lm" and "megatronlm".
                var parts = TextFolding.Tokens(word);
                foreach (var part in parts.Where(p => !TextFolding.StopWords.Contains(p)))
                {
                    yield return (part, TitleWord);
                }

                if (parts.Count > 1)
                {
                    yield return (string.Concat(parts), TitleWord);
                }
            }

            foreach (var word in TextFolding.Tokens(paper.Authors).Where(w => w is not ("and" or "et" or "al")))
            {
                yield return (word, AuthorWord);
            }

            var venue = TextFolding.Joined(paper.Venue);
            if (venue.Length > 0)
            {
                yield return (venue, VenueWhole);
            }

            foreach (var word in TextFolding.Tokens(paper.Venue))
            {
                yield return (word, VenueWord);
            }
        }

        /// <summary>"DistServe: Disaggregating …" → "DistServe"; a title without a colon has none.</summary>
        private static string? SystemNameOf(string? title)
        {
            var colon = title?.IndexOf(':') ?? -1;
            return colon > 0 && colon <= 40 ? title![..colon] : null;
        }
    }
}
