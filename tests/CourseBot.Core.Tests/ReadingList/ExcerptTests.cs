using CourseBot.Core.ReadingList;

namespace CourseBot.Core.Tests.ReadingList;

/// <summary>
/// A course file whose readingList or papers points at a secrets file (<c>../../../etc/passwd</c>, a .env)
/// once put whole lines of it into diagnostics, which go to logs and /readyz. Diagnostics now quote at most
/// one short token of a line.
/// </summary>
public sealed class ExcerptTests
{
    private const string SecretList = """
        db_password = first-secret-value
        {% include paper_item.html key="aws_secret_access_key = second-secret-value" %}
        {% include paper_item.html key="x" required=AKIAIOSFODNN7EXAMPLEAKIAIOSFODNN7EXAMPLEthird-secret-value %}
        {% include paper_item.html key="token
          fourth-secret-value" %}
        {% include paper_item.html key=x oops_this_is_a_long_word_fifth-secret-value %}
        {% include paper_itme_but_much_longer_than_a_file_name_sixth-secret-value.html %}
        {% include paper_item.html key="x" required=abc"def seventh-secret-value" %}
        """;

    private const string SecretPapers = """
        "api_key = eighth-secret-value":
          title: x
        "api_key = eighth-secret-value":
          title: y
        "password: ninth-secret-value":
          "field = tenth-secret-value": x
        "session = eleventh-secret-value": just a value
        """;

    [Fact]
    public void Diagnostics_about_a_secrets_file_quote_no_secret_and_no_whole_line()
    {
        var parsed = ReadingListLoader.FromText(SecretList, "/etc/passwd", SecretPapers, "/etc/shadow");

        Assert.NotEmpty(parsed.Diagnostics);
        foreach (var diagnostic in parsed.Diagnostics.Select(d => d.ToString()))
        {
            Assert.DoesNotContain("secret-value", diagnostic, StringComparison.Ordinal);
            Assert.DoesNotContain("\n", diagnostic, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_offending_token_is_still_named()
    {
        var parsed = ReadingListLoader.FromText(SecretList, "list.md", SecretPapers, "papers.yaml");

        Assert.Contains(parsed.Diagnostics, d => d.Message.StartsWith("paper key \"aws_secret_access_key…\" is not in papers.yaml", StringComparison.Ordinal));
        Assert.Contains(parsed.Diagnostics, d => d.Message.StartsWith("paper key \"api_key…\" is defined twice", StringComparison.Ordinal));
        Assert.Contains(parsed.Diagnostics, d => d.Message.StartsWith("stray \"oops_this_is_a_long_word_fifth-secret-va…\" in the include", StringComparison.Ordinal));
        Assert.Contains(parsed.Diagnostics, d => d.Hint == "quote the whole value: required=\"abc\"def\"");
    }

    [Theory]
    [InlineData("orca-osdi22", "orca-osdi22")]
    [InlineData("orca-osdi22 ", "orca-osdi22 ")]
    [InlineData("db_password = hunter2", "db_password…")]
    [InlineData("token\nsecond line", "token…")]
    [InlineData("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz", "abcdefghijklmnopqrstuvwxyzabcdefghijklmn…")]
    public void A_token_is_the_first_word_of_at_most_40_characters(string text, string token) =>
        Assert.Equal(token, Excerpt.Token(text));
}
