using CourseBot.Core.ReadingList;
using CourseBot.Core.Replies;

namespace CourseBot.Core.Tests.ReadingList;

public sealed class UntitledPaperTests
{
    private const string Page = """
        #### Consensus
        {% include paper_item.html key="paxos-simple" required=true %}
        {% include paper_item.html key="raft-atc14" %}
        """;

    private const string Papers = """
        paxos-simple:
          authors: "Leslie Lamport"
          url: "https://lamport.azurewebsites.net/pubs/paxos-simple.pdf"
        raft-atc14:
          title: "In Search of an Understandable Consensus Algorithm"
        """;

    [Fact]
    public void A_paper_without_a_title_is_a_warning_at_its_key()
    {
        var parsed = ReadingListLoader.FromText(Page, "list.md", Papers, "papers.yaml");

        var warning = Assert.Single(parsed.Diagnostics);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Equal(new SourceLocation("papers.yaml", 1, 1), warning.Location);
        Assert.Equal("paper \"paxos-simple\" has no title", warning.Message);
    }

    [Fact]
    public void The_bot_shows_its_key_and_says_the_title_is_missing_not_the_paper()
    {
        var parsed = ReadingListLoader.FromText(Page, "list.md", Papers, "papers.yaml");

        var items = parsed.Readings.Select(r => PaperItem.From(r).DisplayTitle).ToArray();

        Assert.Equal(["paxos-simple (no title given)", "In Search of an Understandable Consensus Algorithm"], items);
    }

    [Fact]
    public void A_key_missing_from_the_papers_file_still_says_so()
    {
        var parsed = ReadingListLoader.FromText(Page.Replace("raft-atc14", "raft-atc15", StringComparison.Ordinal), "list.md", Papers, "papers.yaml");

        Assert.Equal("raft-atc15 (missing from the papers file)", PaperItem.From(parsed.Readings[1]).DisplayTitle);
    }
}
