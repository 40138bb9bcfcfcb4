using CourseBot.Core.ReadingList;

namespace CourseBot.Core.Tests.ReadingList;

/// <summary>Each rule of what the site's Jekyll does with the page (DESIGN.md), on a small page written for it.</summary>
public sealed class SiteRulesTests
{
    private const string Papers = """
        orca-osdi22:
          title: "Orca: A Distributed Serving System"
          authors: "Gyeong-In Yu"
          booktitle: "OSDI 22"
          url: "https://example.org/orca"
        concerto-asplos25:
          title: "Concerto"
          authors: ""
          booktitle: ""
          url: ""
        alpa-osdi22:
          title: Alpa
          authors: Lianmin Zheng
          booktitle: OSDI 22
          url: https://example.org/alpa
        """;

    private static CourseReadingList Parse(string page) =>
        ReadingListLoader.FromText(page, "list.md", Papers, "papers.yaml");

    private static Reading Only(string page) => Assert.Single(Assert.Single(Parse(page).Topics).Readings);

    private static string Page(string include) => $"## Part 1 - P\n#### T\n<ul>\n{include}\n</ul>\n";

    [Theory]
    [InlineData("""{% include paper_item.html key="orca-osdi22" %}""")]
    [InlineData("""{% include paper_item.html key='orca-osdi22' %}""")]
    [InlineData("""{%- include paper_item.html key="orca-osdi22" -%}""")]
    [InlineData("""{% include paper_item.html   key =  "orca-osdi22"   %}""")]
    [InlineData("{% include paper_item.html\n     key=\"orca-osdi22\"\n  %}")]
    [InlineData("""{% include paper_item.html topic="x" key="orca-osdi22" extra=true %}""")]
    [InlineData("""{% include paper_item.html key="nope" key="orca-osdi22" %}""")]
    public void Include_syntax_variants_all_name_the_same_paper(string include)
    {
        var reading = Only(Page(include));

        Assert.Equal("orca-osdi22", reading.Key);
        Assert.True(reading.IsResolved);
        Assert.Equal("Orca: A Distributed Serving System", reading.Paper.Title);
        Assert.Equal(Requirement.Optional, reading.Requirement);
    }

    [Fact]
    public void Arguments_may_come_in_any_order()
    {
        var reading = Only(Page("""{% include paper_item.html required="Scheduling" key="orca-osdi22" %}"""));

        Assert.Equal(Requirement.Focus("Scheduling"), reading.Requirement);
    }

    [Theory]
    [InlineData("required=true", true, null)]
    [InlineData("required=false", false, null)]
    [InlineData("required=True", false, null)]
    [InlineData("required=Network", false, null)]
    [InlineData("required=nil", false, null)]
    [InlineData("required=\"true\"", true, "true")]
    [InlineData("required=\"false\"", true, "false")]
    [InlineData("required=\"\"", true, "")]
    [InlineData("required=1", true, "1")]
    [InlineData("required=\"1\"", true, "1")]
    [InlineData("required='Context Parallelism'", true, "Context Parallelism")]
    [InlineData("required=\"Say \\\"hi\\\"\"", true, "Say \"hi\"")]
    [InlineData("required='it\\'s'", true, "it's")]
    public void Required_values_mean_what_liquid_makes_of_them(string argument, bool required, string? label)
    {
        var reading = Only(Page($"{{% include paper_item.html key=\"orca-osdi22\" {argument} %}}"));

        Assert.Equal(new Requirement(required, label), reading.Requirement);
    }

    [Theory]
    [InlineData("required=True")]
    [InlineData("required=Network")]
    public void An_unquoted_word_for_required_is_flagged(string argument)
    {
        var parsed = Parse(Page($"{{% include paper_item.html key=\"orca-osdi22\" {argument} %}}"));

        var warning = Assert.Single(parsed.Diagnostics);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Contains("undefined variable", warning.Message);
    }

    [Fact]
    public void An_unquoted_key_is_a_missing_key_kept_with_its_requirement()
    {
        var parsed = Parse(Page("{% include paper_item.html key=concerto-asplos25 required=true %}"));

        var reading = Assert.Single(parsed.Readings);
        Assert.Equal(("concerto-asplos25", false, true), (reading.Key, reading.IsResolved, reading.IsRequired));
        var error = Assert.Single(parsed.Diagnostics);
        Assert.Equal(new SourceLocation("list.md", 4, 32), error.Location);
        Assert.Equal("write key=\"concerto-asplos25\"", error.Hint);
    }

    [Fact]
    public void A_key_with_a_trailing_space_is_missing_and_the_real_key_is_suggested()
    {
        var parsed = Parse(Page("""{% include paper_item.html key="orca-osdi22 " required="Scheduling" %}"""));

        var reading = Assert.Single(parsed.Readings);
        Assert.Equal(("orca-osdi22 ", false, "Scheduling"), (reading.Key, reading.IsResolved, reading.Requirement.Label));
        var error = Assert.Single(parsed.Diagnostics);
        Assert.Equal(Severity.Error, error.Severity);
        Assert.Contains("note the spaces", error.Message);
        Assert.StartsWith("did you mean \"orca-osdi22\"", error.Hint);
        Assert.Equal("list.md:4:32: error: paper key \"orca-osdi22 \" (note the spaces inside the quotes) is not in papers.yaml, so the site shows an empty item; did you mean \"orca-osdi22\"? Otherwise add the paper to papers.yaml", error.ToString());
    }

    [Fact]
    public void An_unknown_key_names_the_nearest_keys()
    {
        var parsed = Parse(Page("""{% include paper_item.html key="alpa-osdi2" %}"""));

        var error = Assert.Single(parsed.Diagnostics);
        Assert.Contains("\"alpa-osdi22\"", error.Hint);
        Assert.Equal(4, error.Location.Line);
    }

    [Theory]
    [InlineData("{% include paper_item.html key=\"orca-osdi22\" required=Context Parallelism %}", "stray \"Parallelism\"")]
    [InlineData("{% include paper_item.html key=\"orca-osdi22\" oops %}", "stray \"oops\"")]
    [InlineData("{% include paper_item.html key=\"orca-osdi22\" required=Prefill/Decode %}", "continues with \"/\"")]
    public void Markup_that_fails_the_site_build_is_an_error_but_the_entry_is_kept(string include, string expected)
    {
        var parsed = Parse(Page(include));

        var error = Assert.Single(parsed.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Contains(expected, error.Message);
        Assert.Contains("the site's build fails", error.Message);
        Assert.Equal("orca-osdi22", Assert.Single(parsed.Readings).Key);
    }

    [Fact]
    public void Html_comments_hide_headings_and_includes()
    {
        var parsed = Parse("""
            ## Part 1 - P
            #### Shown
            {% include paper_item.html key="orca-osdi22" %}
            <!--
            #### Hidden topic
            {% include paper_item.html key="alpa-osdi22" %}
            -->
            {% include paper_item.html key="concerto-asplos25" %} <!-- {% include paper_item.html key="nope" %} -->
            """);

        var topic = Assert.Single(parsed.Topics);
        Assert.Equal("Shown", topic.Heading);
        Assert.Equal(["orca-osdi22", "concerto-asplos25"], topic.Readings.Select(r => r.Key!).ToArray());
        Assert.Empty(parsed.Diagnostics);
    }

    [Fact]
    public void An_unclosed_html_comment_hides_the_rest_with_a_warning()
    {
        var parsed = Parse("## Part 1 - P\n#### T\n{% include paper_item.html key=\"orca-osdi22\" %}\n<!-- draft\n{% include paper_item.html key=\"alpa-osdi22\" %}\n");

        Assert.Single(parsed.Readings);
        Assert.Contains(parsed.Diagnostics, d => d.Severity == Severity.Warning && d.Location.Line == 4 && d.Message.Contains("never closed", StringComparison.Ordinal));
    }

    [Fact]
    public void Liquid_comment_blocks_hide_their_content()
    {
        var parsed = Parse("## Part 1 - P\n#### T\n{%- comment -%}\n{% include paper_item.html key=\"alpa-osdi22\" %}\n{% endcomment %}\n{% include paper_item.html key=\"orca-osdi22\" %}\n");

        Assert.Equal("orca-osdi22", Assert.Single(parsed.Readings).Key);
    }

    [Fact]
    public void A_crlf_file_reads_like_the_lf_file_with_the_same_line_numbers()
    {
        var page = File.ReadAllText(SharedCourse.File("reading_list.md"));
        var papers = File.ReadAllText(SharedCourse.File("papers.yaml"));

        var lf = ReadingListLoader.FromText(page, "list.md", papers, "papers.yaml");
        var crlf = ReadingListLoader.FromText(page.Replace("\n", "\r\n"), "list.md", papers.Replace("\n", "\r\n"), "papers.yaml");

        Assert.Equal(lf.Readings.Select(r => (r.Key, r.Paper.Title, r.Requirement, r.Location)), crlf.Readings.Select(r => (r.Key, r.Paper.Title, r.Requirement, r.Location)));
        Assert.Equal(lf.Diagnostics.Select(d => d.ToString()), crlf.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Headings_drop_trailing_tabs_and_closing_hashes()
    {
        var parsed = Parse("## Part 2 - GenAI\t\t\n#### Serving ####\t\n{% include paper_item.html key=\"orca-osdi22\" %}\n");

        var topic = Assert.Single(parsed.Topics);
        Assert.Equal("Serving", topic.Heading);
        Assert.Equal(("Part 2 - GenAI", 2, "GenAI"), (topic.Part!.Heading, topic.Part.Number, topic.Part.Name));
    }

    [Fact]
    public void A_setext_heading_is_a_part_and_a_rule_is_not_content()
    {
        var parsed = Parse("Part 4 - Extras\n---------------\n\n{% include paper_item.html key=\"orca-osdi22\" %}\n\n***\n\n---\n#### Later\n{% include paper_item.html key=\"alpa-osdi22\" %}\n");

        Assert.Equal(2, parsed.Topics.Count);
        Assert.Equal(("Part 4 - Extras", (string?)null), (parsed.Topics[0].Part!.Heading, parsed.Topics[0].Heading));
        Assert.Equal(("Part 4 - Extras", "Later"), (parsed.Topics[1].Part!.Heading, parsed.Topics[1].Heading));
    }

    [Fact]
    public void Blank_lines_inside_a_list_do_not_matter_and_empty_headings_show_nothing()
    {
        var parsed = Parse("## Part 1 - P\n#### Empty topic\n\n#### T\n<ul>\n\n  {% include paper_item.html key=\"orca-osdi22\" %}\n\n\n  {% include paper_item.html key=\"alpa-osdi22\" %}\n</ul>\n### Also empty\n");

        var topic = Assert.Single(parsed.Topics);
        Assert.Equal(("T", 2), (topic.Heading, topic.Readings.Count));
    }

    [Fact]
    public void The_same_paper_may_sit_under_two_topics()
    {
        var parsed = Parse("## Part 1 - P\n#### A\n{% include paper_item.html key=\"orca-osdi22\" required=true %}\n#### B\n{% include paper_item.html key=\"orca-osdi22\" %}\n");

        Assert.Equal(2, parsed.Topics.Count);
        Assert.Same(parsed.Topics[0].Readings[0].Paper, parsed.Topics[1].Readings[0].Paper);
        Assert.NotEqual(parsed.Topics[0].Readings[0].Requirement, parsed.Topics[1].Readings[0].Requirement);
    }

    [Fact]
    public void Front_matter_is_not_content()
    {
        var parsed = Parse("---\nlayout: page\ntitle: \"## Not a part\"\n---\n#### T\n{% include paper_item.html key=\"orca-osdi22\" %}\n");

        Assert.Empty(parsed.Parts);
        Assert.Equal("T", Assert.Single(parsed.Topics).Heading);
    }

    [Fact]
    public void An_include_of_another_file_is_skipped_with_a_hint()
    {
        var parsed = Parse(Page("""{% include paper_itme.html key="orca-osdi22" %}"""));

        Assert.Empty(parsed.Readings);
        var warning = Assert.Single(parsed.Diagnostics, d => d.Message.Contains("paper_itme.html", StringComparison.Ordinal));
        Assert.Equal("did you mean paper_item.html?", warning.Hint);
    }

    [Fact]
    public void An_inline_item_without_a_badge_is_optional_and_its_venue_follows_the_authors()
    {
        var reading = Only(Page("<li><a href=\"https://example.org/x\">X &amp; Y</a>, <br/><em>A. Author</em>, NSDI 24</li>"));

        Assert.Equal(("X & Y", "https://example.org/x", "A. Author", "NSDI 24"), (reading.Paper.Title, reading.Paper.Url, reading.Paper.Authors, reading.Paper.Venue));
        Assert.Equal(Requirement.Optional, reading.Requirement);
        Assert.Null(reading.Note);
    }

    [Fact]
    public void An_inline_item_may_carry_a_focus_label()
    {
        var reading = Only(Page("<li><b>(Required - Serving)</b> <a href=\"u\">T</a></li>"));

        Assert.Equal(Requirement.Focus("Serving"), reading.Requirement);
    }

    [Theory]
    [InlineData("<li><a href=\"https://example.org/x\">X</a> <br/><em>A. Author, B. Author</em>. NSDI 24.</li>")]
    [InlineData("<li><a href=\"https://example.org/x\">X</a> <br/><em>A. Author, B. Author</em>: NSDI 24</li>")]
    [InlineData("<li>\n  <a href=\"https://example.org/x\">X</a>\n  <br/><em>A. Author, B. Author</em>.\n  NSDI 24.\n</li>")]
    public void An_inline_item_in_the_includes_own_shape_reads_the_venue_without_its_punctuation(string item)
    {
        var reading = Only(Page(item));

        Assert.Equal(("X", "A. Author, B. Author", "NSDI 24"), (reading.Paper.Title, reading.Paper.Authors, reading.Paper.Venue));
    }

    [Fact]
    public void An_inline_item_whose_venue_is_only_punctuation_has_none()
    {
        var reading = Only(Page("<li><a href=\"u\">X</a> <br/><em>A. Author</em>.</li>"));

        Assert.Null(reading.Paper.Venue);
    }
}
