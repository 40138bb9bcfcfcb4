using CourseBot.Bot.Hosting;
using CourseBot.Bot.Scheduling;
using Microsoft.Extensions.Configuration;

namespace CourseBot.Bot.Tests.Follow;

/// <summary>Posting__ChangeNoticeDelay: read by hand like the other Posting settings, two minutes by default, checked.</summary>
public sealed class ChangeNoticeDelaySettingTests
{
    [Fact]
    public void The_delay_is_two_minutes_unless_set_and_reads_the_course_files_durations()
    {
        Assert.Equal(TimeSpan.FromMinutes(2), Read([]).ChangeNoticeDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), Read(new() { ["Posting:ChangeNoticeDelay"] = "30s" }).ChangeNoticeDelay);
    }

    [Fact]
    public void A_delay_beyond_a_day_is_refused_naming_the_setting()
    {
        var result = new PostingOptionsValidator().Validate(null, Read(new() { ["Posting:ChangeNoticeDelay"] = "2d" }));

        Assert.True(result.Failed);
        Assert.Contains("Posting__ChangeNoticeDelay", result.FailureMessage, StringComparison.Ordinal);
    }

    private static PostingOptions Read(Dictionary<string, string?> values) =>
        SettingsCheck.Read<PostingOptions>(new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(PostingOptions.Section));
}
