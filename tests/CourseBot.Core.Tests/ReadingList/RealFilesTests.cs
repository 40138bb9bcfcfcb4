using CourseBot.Core.ReadingList;

namespace CourseBot.Core.Tests.ReadingList;

/// <summary>Every published version of the course's reading list, paired with the papers file of its commit.</summary>
public sealed class RealFilesTests
{
    /// <summary>Each reading list with its papers file: the same commit, else the newest not newer (none before 2025-06-26).</summary>
    public static TheoryData<string, string?, int[]> Versions => new()
    {
        // list file, papers file, readings per section as counted in the file
        { "history/reading_list.2025-06-15.28bfd6d.md", null, [] },
        { "history/reading_list.2025-06-15.28c9198.md", null, [] },
        { "history/reading_list.2025-06-15.b637ecc.md", null, [] },
        { "history/reading_list.2025-06-26.1e75653.md", "history/papers.2025-06-26.1e75653.yaml", [6, 5, 5, 5, 6, 6] },
        { "history/reading_list.2025-08-18.00ba1cc.md", "history/papers.2025-08-18.00ba1cc.yaml", [4, 8, 3, 5, 7, 5, 4, 3, 6] },
        { "history/reading_list.2025-08-18.c0b53c7.md", "history/papers.2025-08-18.c0b53c7.yaml", [4, 8, 3, 5, 7, 5, 4, 3, 6] },
        { "history/reading_list.2025-08-18.e1425ed.md", "history/papers.2025-08-18.e1425ed.yaml", [4, 8, 3, 5, 7, 5, 4, 3, 6] },
        { "history/reading_list.2025-08-19.3cc087a.md", "history/papers.2025-08-19.3cc087a.yaml", [3, 10, 4, 8, 7, 5, 4, 3, 6] },
        { "reading_list.md", "papers.yaml", [3, 10, 4, 8, 7, 5, 4, 3, 6] },
    };

    private static CourseReadingList Load(string list, string? papers) =>
        ReadingListLoader.Load(SharedCourse.File(list), papers is null ? null : SharedCourse.File(papers));

    [Theory]
    [MemberData(nameof(Versions))]
    public void Every_version_parses_into_the_sections_the_site_shows(string list, string? papers, int[] perSection)
    {
        var parsed = Load(list, papers);

        Assert.Equal(perSection, parsed.Topics.Select(t => t.Readings.Count).ToArray());
        Assert.DoesNotContain(parsed.Diagnostics, d => d.Severity == Severity.Error);
        Assert.All(parsed.Readings, r => Assert.True(r.IsResolved, $"{r.Key} unresolved"));
    }

    [Theory]
    [InlineData("history/reading_list.2025-06-15.28bfd6d.md")]
    [InlineData("history/reading_list.2025-06-15.28c9198.md")]
    [InlineData("history/reading_list.2025-06-15.b637ecc.md")]
    public void The_first_drafts_have_no_readings_and_say_so(string list)
    {
        var parsed = Load(list, null);

        Assert.Empty(parsed.Topics);
        var warning = Assert.Single(parsed.Diagnostics);
        Assert.Equal("the reading list has no readings", warning.Message);
    }

    [Fact]
    public void The_june_version_has_no_requirements_so_everything_is_optional()
    {
        var parsed = Load("history/reading_list.2025-06-26.1e75653.md", "history/papers.2025-06-26.1e75653.yaml");

        Assert.All(parsed.Readings, r => Assert.Equal(Requirement.Optional, r.Requirement));
        Assert.Equal(
            new[] { "Scaling LLM Training", "Efficient LLM Serving", "Mixture-of-Experts", "Multi-Modal Generation", "LLM-Augmented Agentic Systems", "(none)" },
            parsed.Topics.Select(t => t.Heading ?? "(none)").ToArray());
    }

    [Fact]
    public void The_current_list_has_eight_topics_and_part_3_without_a_topic_heading()
    {
        var parsed = Load("reading_list.md", "papers.yaml");

        Assert.Equal(
            new[]
            {
                "Introduction", "Scaling LLM Pre-Training", "LLM Post-Training for Alignment", "Efficient LLM Serving", "Mixture-of-Experts",
                "Multi-Modal Generation", "Retrieval-Augmented Generation", "LLM-Augmented Agentic Systems", "(none)",
            },
            parsed.Topics.Select(t => t.Heading ?? "(none)").ToArray());
        var part3 = parsed.Topics[8];
        Assert.Equal("Part 3 - GenAI for Systems", part3.Part!.Heading);
        Assert.Equal(3, part3.Part.Number);
        Assert.Equal("GenAI for Systems", part3.Name);
        Assert.Equal(["Part 1 - LLMs: Backbone of Modern AI", "Part 2 - GenAI: Beyond Simple Text Generation", "Part 3 - GenAI for Systems"], parsed.Parts.Select(p => p.Heading).ToArray());
    }

    [Fact]
    public void The_inline_llama_entry_carries_link_authors_note_and_requirement()
    {
        var llama = Load("reading_list.md", "papers.yaml").Topics[0].Readings[1];

        Assert.Null(llama.Key);
        Assert.Equal("The Llama 3 Herd of Models", llama.Paper.Title);
        Assert.Equal("https://arxiv.org/pdf/2407.21783", llama.Paper.Url);
        Assert.Equal("Llama Team, AI @ Meta", llama.Paper.Authors);
        Assert.Null(llama.Paper.Venue);
        Assert.Equal("(Sections 2, 3.3, and 4.1)", llama.Note);
        Assert.Equal(Requirement.Required, llama.Requirement);
        Assert.Equal(new SourceLocation(SharedCourse.File("reading_list.md"), 11, 3), llama.Location);
    }

    [Fact]
    public void Labels_and_focus_groups_follow_the_site()
    {
        var topics = Load("reading_list.md", "papers.yaml").Topics;
        Reading Find(string key) => topics.SelectMany(t => t.Readings).First(r => r.Key == key);

        Assert.Equal(Requirement.Focus("Context Parallelism"), Find("wlbllm-osdi25").Requirement);
        Assert.Equal(Requirement.Focus("KV Cache Management"), Find("pagedattention-sosp23").Requirement);
        Assert.Equal((Requirement.Optional, "Context Parallelism"), (Find("hotspa-sosp24").Requirement, Find("hotspa-sosp24").Focus));
        Assert.Equal("Diffusion Model Serving", Find("diffserve-mlsys24").Focus);
        // illstablediff is required=true with no label: it opens no focus group.
        Assert.Equal((Requirement.Required, (string?)null), (Find("illstablediff").Requirement, Find("illstablediff").Focus));
        Assert.Equal((Requirement.Optional, (string?)null), (Find("metis-arxiv25").Requirement, Find("metis-arxiv25").Focus));
        // "readme-neurips24" follows "pregatedmoe-isca24", both optional after the "Serving" focus.
        Assert.Equal("Serving", Find("readme-neurips24").Focus);
    }

    [Fact]
    public void The_duplicate_alpa_key_keeps_its_last_definition_with_one_warning()
    {
        var parsed = Load("reading_list.md", "papers.yaml");

        var alpa = parsed.Papers["alpa-osdi22"];
        Assert.Equal("Alpa: Automating Inter- and Intra-Operator Parallelism for Distributed Deep Learning", alpa.Title);
        Assert.StartsWith("Lianmin Zheng, Siyuan Zhuang", alpa.Authors);
        var warning = Assert.Single(parsed.Diagnostics);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Equal(new SourceLocation(SharedCourse.File("papers.yaml"), 55, 1), warning.Location);
        Assert.Contains("lines 37 and 55", warning.Message);
    }

    [Fact]
    public void Unquoted_yaml_values_and_empty_strings_read_as_the_site_reads_them()
    {
        var papers = Load("reading_list.md", "papers.yaml").Papers;

        Assert.Equal("OSDI 24", papers["distserve-osdi24"].Venue);
        Assert.Equal("https://www.usenix.org/conference/osdi24/presentation/zhong-yinmin", papers["distserve-osdi24"].Url);
        Assert.Null(papers["illtransformer"].Authors);
        Assert.Null(papers["illtransformer"].Venue);
    }

    [Fact]
    public void Pairing_an_old_list_with_a_newer_papers_file_reports_the_missing_keys_with_their_lines()
    {
        var parsed = Load("history/reading_list.2025-06-26.1e75653.md", "papers.yaml");

        var missing = parsed.Diagnostics.Where(d => d.Severity == Severity.Error).ToArray();
        Assert.Equal(3, missing.Length);
        Assert.Contains(missing, d => d.Message.Contains("\"nanoflow-arxiv24\"", StringComparison.Ordinal) && d.Location.Line == 23 && d.Hint!.Contains("nanoflow-osdi25", StringComparison.Ordinal));
        Assert.Equal(3, parsed.Readings.Count(r => !r.IsResolved));
    }
}
