using CourseBot.Core.ReadingList;
using CourseBot.Core.Search;

namespace CourseBot.Core.Tests.Search;

public sealed class PaperSearchTests
{
    private readonly PaperSearch _search = new(SampleCourse.ReadingList);

    private string? Best(string query) => _search.Find(query, 1).SingleOrDefault()?.Paper.Key;

    [Theory]
    [InlineData("pagedattention-sosp23", "pagedattention-sosp23")]
    [InlineData("distserve-osdi24", "distserve-osdi24")]
    [InlineData("pagedattention", "pagedattention-sosp23")]
    [InlineData("nanoflow", "nanoflow-osdi25")]
    public void Keys_and_key_stems_find_their_paper(string query, string key) => Assert.Equal(key, Best(query));

    [Theory]
    [InlineData("DistServe", "distserve-osdi24")]
    [InlineData("HybridFlow", "hybridflow-eurosys25")]
    [InlineData("AReaL", "areal-arxiv25")]
    [InlineData("PagedAttention", "pagedattention-sosp23")]
    [InlineData("Megatron", "megatron-sc21")]
    [InlineData("Alpa", "alpa-osdi22")]
    [InlineData("WLB-LLM", "wlbllm-osdi25")]
    [InlineData("wlbllm", "wlbllm-osdi25")]
    public void System_names_find_their_paper(string query, string key) => Assert.Equal(key, Best(query));

    [Theory]
    [InlineData("distserv", "distserve-osdi24")]
    [InlineData("pagedatention", "pagedattention-sosp23")]
    [InlineData("megatrn", "megatron-sc21")]
    [InlineData("hybridflw", "hybridflow-eurosys25")]
    public void Small_typos_are_tolerated(string query, string key) => Assert.Equal(key, Best(query));

    [Fact]
    public void Title_words_rank_papers_containing_all_of_them_first()
    {
        var matches = _search.Find("parallelism hot switching", 3);

        Assert.Equal("hotspa-sosp24", matches[0].Paper.Key);
    }

    [Fact]
    public void An_author_surname_finds_their_papers()
    {
        // Matei Zaharia is an author of the Megatron-LM paper only (papers.yaml line 9).
        Assert.Equal("megatron-sc21", Best("Zaharia"));
        var stoica = _search.Find("Ion Stoica", 10).Select(m => m.Paper.Key).ToArray();
        Assert.Contains("pagedattention-sosp23", stoica);
        Assert.Contains("alpa-osdi22", stoica);
    }

    [Fact]
    public void The_last_definition_of_a_repeated_key_is_the_one_found()
    {
        var alpa = _search.Find("alpa", 1).Single().Paper;

        Assert.StartsWith("Lianmin Zheng, Siyuan Zhuang", alpa.Authors);
    }

    [Fact]
    public void A_venue_ranks_its_papers()
    {
        // Three papers on the list appeared at OSDI 24: sarathiserve, distserve and parrot.
        var matches = _search.Find("OSDI 24", 5);

        Assert.Equal(
            new[] { "distserve-osdi24", "parrot-osdi24", "sarathiserve-osdi24" },
            matches.Take(3).Select(m => m.Paper.Key).Order(StringComparer.Ordinal).ToArray());
        Assert.All(matches.Skip(3), m => Assert.NotEqual("OSDI 24", m.Paper.Venue));
    }

    [Fact]
    public void A_match_reports_where_the_paper_sits_on_the_list()
    {
        var match = _search.Find("distserve", 1).Single();

        var reading = Assert.Single(match.Readings);
        Assert.Equal("Prefill/Decode Disaggregation", reading.Requirement.Label);
    }

    [Fact]
    public void A_paper_under_two_topics_reports_both_placements()
    {
        const string page = """
            ## Part 1 - A
            #### Serving
            {% include paper_item.html key="orca-osdi22" required=true %}
            #### Scheduling
            {% include paper_item.html key="orca-osdi22" %}
            """;
        var list = ReadingListLoader.FromText(page, "list.md", File.ReadAllText(SharedCourse.File("papers.yaml")), "papers.yaml");

        var match = new PaperSearch(list).Find("orca", 1).Single();

        Assert.Equal(2, match.Readings.Count);
        Assert.True(match.Readings[0].IsRequired);
        Assert.False(match.Readings[1].IsRequired);
    }

    [Fact]
    public void Nothing_matching_gives_no_results_but_suggestions()
    {
        Assert.Empty(_search.Find("quantum chromodynamics"));
        Assert.NotEmpty(_search.Suggest("quantum chromodynamics"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?!")]
    public void Empty_queries_find_nothing(string query) => Assert.Empty(_search.Find(query));

    [Fact]
    public void A_very_long_query_is_answered()
    {
        var query = string.Concat(Enumerable.Repeat("serving attention ", 600));

        var matches = _search.Find(query, 3);

        Assert.NotEmpty(matches);
    }

    [Fact]
    public void Completion_offers_titles_starting_with_the_typed_words_in_list_order()
    {
        var matches = _search.Complete("effic", 25).Select(m => m.Paper.Key).ToArray();

        Assert.Equal("megatron-sc21", matches[0]);
        Assert.Contains("pagedattention-sosp23", matches);
        Assert.All(_search.Complete("effic", 25), m => Assert.Contains("efficient", m.Paper.Title!, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(25, _search.Complete("", 25).Count);
    }

    [Fact]
    public void A_generated_list_of_ten_thousand_papers_still_finds_one_paper_by_key_and_typo()
    {
        var page = new System.Text.StringBuilder("## Part 1 - Big\n");
        var yaml = new System.Text.StringBuilder();
        for (var i = 0; i < 10_000; i++)
        {
            if (i % 100 == 0)
            {
                page.Append("#### Topic ").Append(i / 100).Append('\n');
            }

            page.Append("{% include paper_item.html key=\"p").Append(i).Append("\" %}\n");
            yaml.Append('p').Append(i).Append(":\n  title: \"System").Append(i).Append(": scalable serving number ").Append(i).Append("\"\n  authors: \"Author").Append(i).Append("\"\n  booktitle: \"OSDI 24\"\n  url: \"https://example.org/").Append(i).Append("\"\n");
        }

        var list = ReadingListLoader.FromText(page.ToString(), "big.md", yaml.ToString(), "big.yaml");
        var search = new PaperSearch(list);

        Assert.Equal(10_000, search.Count);
        Assert.Equal("p4242", search.Find("p4242", 1).Single().Paper.Key);
        Assert.Equal("p4242", search.Find("System4242", 1).Single().Paper.Key);
        Assert.Equal("p4242", search.Find("Author4242", 1).Single().Paper.Key);
    }

    [Fact]
    public void An_author_finds_the_paper_they_wrote_first_before_one_where_they_come_later()
    {
        // Shazeer is first author of moe-iclr17 and third of switch-jmlr22 (both in the real papers file).
        var matches = _search.Find("Shazeer", 5).Select(m => m.Paper.Key).ToArray();

        Assert.Equal(["moe-iclr17", "switch-jmlr22"], matches);
    }

    [Fact]
    public void First_authorship_counts_per_name_in_any_list_style()
    {
        var papers = """
            later-a:
              title: "Alpha"
              authors: "Ann Other, and Bea Lovelace"
            later-b:
              title: "Beta"
              authors: "Ann Other and Bea Lovelace"
            first:
              title: "Gamma"
              authors: "Bea Lovelace; Ann Other"
            """;
        var page = "#### T\n{% include paper_item.html key=\"later-a\" %}\n{% include paper_item.html key=\"later-b\" %}\n{% include paper_item.html key=\"first\" %}\n";
        var search = new PaperSearch(ReadingListLoader.FromText(page, "l.md", papers, "p.yaml"));

        Assert.Equal("first", search.Find("lovelace", 3)[0].Paper.Key);
        Assert.Equal(["later-a", "later-b"], search.Find("other", 3).Take(2).Select(m => m.Paper.Key).ToArray());
    }

    [Theory]
    [InlineData("prefill decode disaggregation", "distserve-osdi24")]
    [InlineData("prefilldecode disaggregation", "distserve-osdi24")]
    [InlineData("kv cache management", "pagedattention-sosp23")]
    public void A_focus_label_of_several_words_is_found_by_its_words(string text, string key) =>
        Assert.Equal([key], _search.WithFocusLabel(text).Select(r => r.Paper.Key).ToArray());

    [Theory]
    [InlineData("serving")] // a one-word label ("Serving")
    [InlineData("fault tolerance")] // "Fault-Tolerance" is one word
    [InlineData("kv cache")] // part of a label
    [InlineData("kv cache management please")]
    public void Other_text_names_no_focus_label(string text) => Assert.Empty(_search.WithFocusLabel(text));

    [Theory]
    [InlineData("distserve", true)]
    [InlineData("activationrecompute", true)] // in the papers file, not on the reading list
    [InlineData("distserve-osdi24", false)]
    [InlineData("osdi24", false)]
    [InlineData("DistServe", false)]
    public void Key_stems_come_from_every_paper_of_the_papers_file(string word, bool stem) => Assert.Equal(stem, _search.IsKeyStem(word));
}
