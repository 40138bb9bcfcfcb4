using CourseBot.Bot.Tests.Cli;
using CourseBot.Bot.Tests.Running;
using CourseBot.Bot.Tests.Scheduling;

namespace CourseBot.Bot.Tests.Leads;

/// <summary><c>coursebot leads</c> with a course, week or command line it cannot use: exit 2 and what is wrong, before any store is opened.</summary>
public sealed class CliLeadsUsageTests : IDisposable
{
    private readonly TempDirectory _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public void A_week_the_course_does_not_have_is_refused_with_the_weeks_it_has()
    {
        var run = CliRun.Invoke("leads", "--week", "40", "--config", CliRun.SampleConfig);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--week 40 is not a week of the course \"cs395t\"; its weeks are 1 to 14", run.Error);
        Assert.DoesNotContain("store:", run.Error);
    }

    [Fact]
    public void An_unknown_course_is_refused_naming_the_courses_there_are()
    {
        var list = CliRun.Invoke("leads", "--course", "cs999", "--config", CliRun.SampleConfig);
        var claim = CliRun.Invoke("leads", "claim", LeadsCourse.Paper1, "--user", "ada", "--course", "cs999", "--config", CliRun.SampleConfig);

        foreach (var run in new[] { list, claim })
        {
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("cs999", run.Error);
            Assert.Contains("cs395t", run.Error);
        }
    }

    [Fact]
    public void A_course_without_a_leads_section_is_refused_for_the_roster_and_for_claims()
    {
        var config = CourseCopy.Create(_work.Path, text => text[..text.IndexOf("leads:", StringComparison.Ordinal)]);

        var list = CliRun.Invoke("leads", "--config", config);
        var claim = CliRun.Invoke("leads", "claim", LeadsCourse.Paper1, "--user", "ada", "--config", config);

        foreach (var run in new[] { list, claim })
        {
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("the course \"cs395t\" has no discussion leads: its course file has no leads: section", run.Error);
        }
    }

    [Theory]
    [InlineData("leads", "--format", "xml")]
    [InlineData("leads", "claim", "illtransformer")]
    [InlineData("leads", "claim", "illtransformer", "--user", "ada", "--platform", "teams")]
    [InlineData("leads", "assign", "illtransformer")]
    public void A_command_line_that_cannot_be_used_exits_2(params string[] args)
    {
        var run = CliRun.Invoke([.. args, "--config", CliRun.SampleConfig]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("coursebot leads", run.Error);
    }
}
