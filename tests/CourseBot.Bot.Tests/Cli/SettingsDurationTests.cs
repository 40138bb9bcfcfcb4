using CourseBot.Bot.Hosting;
using CourseBot.Bot.Scheduling;
using CourseBot.Bot.Tests.Scheduling;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Tests.Cli;

/// <summary>TimeSpan settings take the course file's form (12h, 90m, 1d) as well as hh:mm:ss.</summary>
public sealed class SettingsDurationTests : IDisposable
{
    private readonly TempDirectory _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public void Durations_in_the_course_file_form_pass_the_settings_check()
    {
        var problems = SettingsCheck.Problems(Configuration(new()
        {
            ["Posting:GracePeriod"] = "12h",
            ["Posting:RetryDelay"] = "90s",
            ["Courses:RefreshInterval"] = "5m",
        }));

        Assert.Empty(problems);
    }

    [Fact]
    public void The_bot_reads_both_forms_as_the_same_durations()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Posting:GracePeriod"] = "1.5d",
            ["Posting:RetryDelay"] = "00:03:00",
            ["Courses:RefreshInterval"] = "2 minutes",
            ["Storage:DataDirectory"] = _work.Path,
        });
        builder.AddCourseBotServices(CliRun.SampleConfig);
        using var services = builder.Services.BuildServiceProvider();

        var posting = services.GetRequiredService<IOptions<PostingOptions>>().Value;
        Assert.Equal(TimeSpan.FromHours(36), posting.GracePeriod);
        Assert.Equal(TimeSpan.FromMinutes(3), posting.RetryDelay);
        Assert.Equal(TimeSpan.FromMinutes(2), services.GetRequiredService<IOptions<CoursesOptions>>().Value.RefreshInterval);
    }

    [Fact]
    public void A_value_in_neither_form_names_the_setting_and_both_forms()
    {
        var problem = Assert.Single(SettingsCheck.Problems(Configuration(new() { ["Posting:GracePeriod"] = "soon" })));

        Assert.StartsWith("Posting__GracePeriod: \"soon\" is not a duration; write ", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("TimeSpan", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("Failed to convert", problem, StringComparison.Ordinal);
        Assert.Contains("\"12h\"", problem);
        Assert.Contains("\"12:00:00\"", problem);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
