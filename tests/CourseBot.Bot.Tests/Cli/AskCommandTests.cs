using System.Text.Json;

namespace CourseBot.Bot.Tests.Cli;

public sealed class AskCommandTests
{
    [Fact]
    public void Reading_week3_lists_the_post_training_papers_required_first_with_their_focus()
    {
        var run = CliRun.Invoke("ask", "/reading week3", "--config", CliRun.SampleConfig, "--at", "2025-09-10");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("Week 3 · LLM Post-Training for Alignment", run.Output);
        var hybridFlow = run.Output.IndexOf("HybridFlow: A Flexible and Efficient RLHF Framework", StringComparison.Ordinal);
        var areal = run.Output.IndexOf("AReaL: A Large-Scale Asynchronous", StringComparison.Ordinal);
        var rlhfuse = run.Output.IndexOf("Optimizing RLHF Training for Large Language Models with Stage Fusion", StringComparison.Ordinal);
        var asyncRlhf = run.Output.Contains("Asynchronous RLHF: Faster and More Efficient", StringComparison.Ordinal);
        Assert.True(hybridFlow >= 0 && areal >= 0 && rlhfuse >= 0 && asyncRlhf, run.Output);
        Assert.True(hybridFlow < rlhfuse && areal < rlhfuse, "required papers come before optional ones");
        Assert.Contains("(Required - Resource Efficiency)", run.Output);
        Assert.Contains("(Required - Async RL)", run.Output);
        Assert.Contains("Optional · Resource Efficiency", run.Output);
        Assert.Contains("https://dl.acm.org/doi/10.1145/3689031.3696075", run.Output);
    }

    [Fact]
    public void Json_format_carries_the_same_papers_with_requirement_facts()
    {
        var run = CliRun.Invoke("ask", "/required week 4", "--config", CliRun.SampleConfig, "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("Week 4 · Efficient LLM Serving", json.RootElement.GetProperty("title").GetString());
        var papers = json.RootElement.GetProperty("blocks").EnumerateArray()
            .Where(b => b.GetProperty("type").GetString() == "papers")
            .SelectMany(b => b.GetProperty("papers").EnumerateArray())
            .ToArray();
        // Required in week 4: pagedattention, nanoflow, distserve, waferllm (reading_list.md lines 42-49).
        Assert.Equal(
            new[] { "pagedattention-sosp23", "nanoflow-osdi25", "distserve-osdi24", "waferllm-osdi25" },
            papers.Select(p => p.GetProperty("key").GetString() ?? "").ToArray());
        Assert.All(papers, p => Assert.True(p.GetProperty("required").GetBoolean()));
        Assert.Equal("KV Cache Management", papers[0].GetProperty("label").GetString());
    }

    [Fact]
    public void A_plain_question_is_answered_with_how_it_was_read()
    {
        var run = CliRun.Invoke("ask", "which papers are required for next week?", "--config", CliRun.SampleConfig, "--at", "2025-09-10");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("Week 4 · Efficient LLM Serving", run.Output);
        Assert.Contains("Efficient Memory Management for Large Language Model Serving with PagedAttention", run.Output);
        Assert.DoesNotContain("Orca: A Distributed Serving System", run.Output);
        Assert.EndsWith("Read as: /required week 4\n", run.Output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_plain_question_in_json_carries_read_as()
    {
        var run = CliRun.Invoke("ask", "whats due tmrw", "--config", CliRun.SampleConfig, "--at", "2025-09-10", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("responses due Thu Sep 11", json.RootElement.GetProperty("readAs").GetString());
    }

    [Fact]
    public void A_question_not_about_the_course_exits_1_with_a_help_line()
    {
        var run = CliRun.Invoke("ask", "what's the weather tomorrow", "--config", CliRun.SampleConfig, "--at", "2025-09-10");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("I couldn't read that as a question about the course", run.Output);
    }

    [Fact]
    public void Before_the_term_the_answer_says_so()
    {
        var run = CliRun.Invoke("ask", "/reading", "--config", CliRun.SampleConfig, "--at", "2025-08-20T10:00");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("has not started", run.Output);
        Assert.Contains("Aug 25", run.Output);
    }

    [Fact]
    public void A_bad_at_value_is_a_clear_error_with_exit_code_2()
    {
        var run = CliRun.Invoke("ask", "/reading", "--config", CliRun.SampleConfig, "--at", "next tuesday");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--at \"next tuesday\"", run.Error);
    }

    [Fact]
    public void A_missing_config_folder_is_exit_code_2()
    {
        var run = CliRun.Invoke("ask", "/reading", "--config", Path.Combine(Path.GetTempPath(), "no-such-coursebot-config"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("does not exist", run.Error);
    }

    [Fact]
    public void Paper_lookup_tolerates_a_typo_and_says_where_the_paper_is()
    {
        var run = CliRun.Invoke("ask", "/paper distserv", "--config", CliRun.SampleConfig);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("DistServe: Disaggregating Prefill and Decoding", run.Output);
        Assert.Contains("Week 4 · Efficient LLM Serving · required (Prefill/Decode Disaggregation)", run.Output);
        Assert.Contains("https://www.usenix.org/conference/osdi24/presentation/zhong-yinmin", run.Output);
    }
}
