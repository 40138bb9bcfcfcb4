using System.Globalization;
using System.Text.Json;

namespace CourseBot.Bot.Tests.Cli;

public sealed class OtherVerbTests
{
    [Fact]
    public void Validate_reports_the_duplicate_paper_key_and_exits_0_without_errors()
    {
        var run = CliRun.Invoke("validate", "--config", CliRun.SampleConfig);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("papers.yaml:55:1: warning: paper key \"alpa-osdi22\" is defined twice, on lines 37 and 55", run.Output);
        Assert.Contains("0 errors, 1 warning", run.Output);
    }

    [Fact]
    public void Validate_exits_1_when_a_reading_list_key_is_missing()
    {
        var config = CopySampleConfig();
        var list = Path.Combine(config, "cs395t", "reading_list.md");
        File.WriteAllText(list, File.ReadAllText(list).Replace("key=\"orca-osdi22\"", "key=\"orca-osdi2\""));

        var run = CliRun.Invoke("validate", "--config", config);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("reading_list.md:43:", run.Output);
        Assert.Contains("\"orca-osdi2\" is not in papers.yaml", run.Output);
        Assert.Contains("did you mean \"orca-osdi22\"", run.Output);
    }

    [Fact]
    public void Validate_lists_each_files_problems_from_top_to_bottom()
    {
        var config = CopySampleConfig();
        var course = Path.Combine(config, "cs395t.yaml");
        var text = File.ReadAllText(course)
            .Replace("timeZone: America/Chicago", "timeZone: Mars/Olympus", StringComparison.Ordinal)
            .Replace("\"0 0 9 ? * MON\"", "\"0 0 9 ? * MNO\"", StringComparison.Ordinal);
        File.WriteAllText(course, text + "colour: blue\n");
        var colourLine = text.Split('\n').Length + (text.EndsWith('\n') ? 0 : 1);

        var run = CliRun.Invoke("validate", "--config", config);

        var lines = run.Output.Split('\n')
            .Where(line => line.Contains("cs395t.yaml:", StringComparison.Ordinal))
            .Select(line => int.Parse(line.Split("cs395t.yaml:")[1].Split(':')[0], CultureInfo.InvariantCulture))
            .ToList();
        Assert.Equal([6, 17, colourLine], lines);
    }

    [Fact]
    public void Validate_exits_2_when_no_course_loads_from_an_empty_folder()
    {
        var empty = Directory.CreateTempSubdirectory("coursebot-cli-empty-").FullName;
        try
        {
            var run = CliRun.Invoke("validate", "--config", empty);

            Assert.Equal(2, run.ExitCode);
            Assert.Contains("no course file (*.yaml) in this folder", run.Output);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Theory]
    [InlineData("run", "--help")]
    [InlineData("--help")]
    public void Run_help_shows_where_the_bot_listens_and_how_to_change_it(params string[] args)
    {
        var run = CliRun.Invoke(args);

        Assert.Equal(0, run.ExitCode);
        var urls = Assert.Single(run.Output.Split('\n'), line => line.TrimStart().StartsWith("--urls", StringComparison.Ordinal));
        Assert.Contains("http://127.0.0.1:8080", urls);
        Assert.Contains("ASPNETCORE_URLS", urls);
    }

    [Fact]
    public void Export_prints_sections_and_diagnostics_as_json()
    {
        var run = CliRun.Invoke("export", "--config", CliRun.SampleConfig);

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var sections = json.RootElement.GetProperty("sections").EnumerateArray().ToArray();
        Assert.Equal(9, sections.Length);
        Assert.Equal("Part 3 - GenAI for Systems", sections[8].GetProperty("part").GetString());
        Assert.Equal(JsonValueKind.Null, sections[8].GetProperty("topic").ValueKind);
        Assert.Single(json.RootElement.GetProperty("diagnostics").EnumerateArray());
    }

    [Fact]
    public void Export_takes_a_reading_list_and_papers_file_directly()
    {
        var config = CliRun.SampleConfig;
        var run = CliRun.Invoke("export", "--reading-list", Path.Combine(config, "cs395t", "reading_list.md"), "--papers", Path.Combine(config, "cs395t", "papers.yaml"));

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("illtransformer", json.RootElement.GetProperty("sections")[0].GetProperty("entries")[0].GetProperty("key").GetString());
    }

    [Fact]
    public void Schedule_lists_the_weeks_with_the_holiday_marked()
    {
        var run = CliRun.Invoke("schedule", "--config", CliRun.SampleConfig);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Week 1", run.Output);
        Assert.Contains("Introduction", run.Output);
        Assert.Contains("Thanksgiving", run.Output);
    }

    [Fact]
    public void Preview_prints_the_announcement_of_a_week()
    {
        var run = CliRun.Invoke("preview", "--week", "9", "--config", CliRun.SampleConfig);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Week 9 · GenAI for Systems", run.Output);
        Assert.Contains("Intent-Driven Network Management with Multi-Agent LLMs: The Confucius Framework", run.Output);
    }

    private static string CopySampleConfig()
    {
        var target = Path.Combine(Path.GetTempPath(), "coursebot-cli-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(CliRun.SampleConfig, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(CliRun.SampleConfig, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }
}
