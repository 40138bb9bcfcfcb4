using CourseBot.Benchmarks;
using CourseBot.Core.ReadingList;
using CourseBot.Core.Search;

namespace CourseBot.Core.Tests.Search;

/// <summary>
/// "Closest papers" for queries that match nothing, on the real course and on the generated 10,000-paper one.
/// The expected lists were recorded from the search before typo matching skipped words by the letter-multiset
/// bound and before suggestions took one pass (commit 78be204): both changes must leave every result as it was.
/// </summary>
public sealed class SuggestionTests
{
    private static readonly Lazy<PaperSearch> Real = new(() => new PaperSearch(ReadingListLoader.Load(SharedCourse.File("reading_list.md"), SharedCourse.File("papers.yaml"))));

    private static readonly Lazy<PaperSearch> Large = new(() =>
    {
        var (list, papers) = GeneratedCourse.Create(10_000, 100);
        return new PaperSearch(ReadingListLoader.FromText(list, "reading_list.md", papers, "papers.yaml"));
    });

    /// <summary>course, query, the closest papers as key:score (round-trip format), best first.</summary>
    public static TheoryData<string, string, string> Recorded => new()
    {
        { "real", "pagedatention", "pagedattention-sosp23:55.714285714285715" },
        { "real", "quantum chromodynamics", "tenplex-sosp24:5.333333333333333, hotspa-sosp24:5, cogvideox-iclr25:5" },
        { "real", "zzzzqqq", "" },
        { "real", "distserv", "distserve-osdi24:53.33333333333333" },
        { "real", "schedulng", "cassini-nsdi24:9, fmp-colm25:5.6" },
        { "real", "atention sparse", "fsmoe-asplos25:10, megablock-mlsys23:10, moe-iclr17:7.142857142857143" },
        { "real", "Zaharai", "megatron-sc21:7, megablock-mlsys23:7, moelight-asplos25:7" },
        { "real", "megatrom", "megatron-sc21:61.11111111111111" },
        { "real", "speculativ decodng", "distserve-osdi24:8.75, nanoflow-osdi25:6" },
        { "real", "xyz", "ayo-asplos25:38.5, nanoflow-osdi25:16, telerag-arxiv25:8.5" },
        { "real", "transfromer", "illtransformer:9.166666666666666, orca-osdi22:9.166666666666666, cogvideox-iclr25:9.166666666666666" },
        { "real", "disaggregated", "distserve-osdi24:7.857142857142857" },
        { "real", "sys4242nsdi", "" },
        { "real", "autor4242", "" },
        { "real", "retreival agnts", "rago-isca25:9, telerag-arxiv25:9, autellix-arxiv25:8.333333333333334" },
        { "real", "memroy cache", "aqua-asplos25:13.904761904761907, pagedattention-sosp23:8.571428571428573, moelight-asplos25:8.571428571428573" },
        { "10k", "pagedatention", "sys6-atc20:6.428571428571428, sys18-nsdi20:6.428571428571428, sys19-asplos21:6.428571428571428" },
        { "10k", "quantum chromodynamics", "" },
        { "10k", "zzzzqqq", "" },
        { "10k", "distserv", "" },
        { "10k", "schedulng", "sys15-isca23:9, sys42-nsdi20:9, sys45-mlsys23:9" },
        { "10k", "atention sparse", "sys19-asplos21:18.88888888888889, sys46-atc24:18.88888888888889, sys73-sosp21:18.88888888888889" },
        { "10k", "Zaharai", "" },
        { "10k", "megatrom", "" },
        { "10k", "speculativ decodng", "" },
        { "10k", "xyz", "" },
        { "10k", "transfromer", "" },
        { "10k", "disaggregated", "sys9-sosp23:5.7142857142857135, sys27-asplos23:5.7142857142857135, sys28-eurosys24:5.7142857142857135" },
        { "10k", "sys4242nsdi", "sys4242-nsdi20:833.3333333333334, sys242-nsdi22:750, sys442-nsdi24:750" },
        { "10k", "autor4242", "sys4242-nsdi20:8.1, sys242-nsdi22:7.2, sys422-atc22:7.2" },
        { "10k", "retreival agnts", "sys41-sosp25:17.333333333333336, sys95-isca25:17.333333333333336, sys122-nsdi22:17.333333333333336" },
        { "10k", "memroy cache", "sys55-isca21:18.571428571428573, sys61-mlsys21:18.571428571428573, sys86-atc22:18.571428571428573" },
    };

    [Theory]
    [MemberData(nameof(Recorded))]
    public void Suggestions_are_the_ones_recorded_before_the_faster_search(string course, string query, string expected)
    {
        var search = course == "real" ? Real.Value : Large.Value;

        var suggested = search.Suggest(query, 3);

        Assert.Equal(expected, string.Join(", ", suggested.Select(m => $"{m.Paper.Key}:{m.Score:R}")));
    }

    [Theory]
    [InlineData("pagedatention", "author1000", 10)]
    [InlineData("pagedatention", "sys1000osdi20", 10)]
    [InlineData("aaaab", "baaaa", 0)]
    [InlineData("aaab", "aaaaaab", 3)]
    [InlineData("schedulng", "scheduling", 1)]
    public void The_letter_bound_is_what_the_letters_allow(string word, string other, int atLeast) =>
        Assert.Equal(atLeast, PaperSearch.DistanceAtLeast(word, other));

    /// <summary>A bound above the true distance would drop real typo matches: it must never be.</summary>
    [Fact]
    public void The_letter_bound_never_exceeds_the_edit_distance()
    {
        var words = Real.Value.Vocabulary.Where(w => w.Length >= 3).Take(400)
            .Concat(["aaaa", "aaaaa", "aaaaaaab", "baaaaaaa", "abababab", "bababa", "mississippi", "missisippi", "ssssiiii", "éèêë", "a-b_c"])
            .ToArray();

        foreach (var a in words)
        {
            foreach (var b in words)
            {
                var distance = EditDistance.Bounded(a, b, 64);
                var bound = PaperSearch.DistanceAtLeast(a, b);
                Assert.True(bound <= distance, $"{a} → {b}: bound {bound} > distance {distance}");
            }
        }
    }
}
