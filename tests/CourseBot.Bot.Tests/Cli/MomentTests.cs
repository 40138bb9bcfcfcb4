using CourseBot.Bot.Cli;

namespace CourseBot.Bot.Tests.Cli;

/// <summary><c>--at</c> takes ISO-8601 only; anything a culture would have to guess at is refused.</summary>
public sealed class MomentTests
{
    private static readonly TimeZoneInfo Austin = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");

    [Theory]
    [InlineData("2025-10-09", "2025-10-09T05:00:00Z")]
    [InlineData("2025-10-09T09:00", "2025-10-09T14:00:00Z")]
    [InlineData("2025-10-09T09:00:30", "2025-10-09T14:00:30Z")]
    [InlineData("2025-10-09T09:00:30.250", "2025-10-09T14:00:30.25Z")]
    [InlineData("2025-10-09T09:00-07:00", "2025-10-09T16:00:00Z")]
    [InlineData("2025-10-09T09:00:00+02:00", "2025-10-09T07:00:00Z")]
    [InlineData("2025-10-09T09:00Z", "2025-10-09T09:00:00Z")]
    [InlineData("2025-12-09T09:00", "2025-12-09T15:00:00Z")]
    public void Iso_dates_and_times_are_read_in_the_course_zone_unless_they_carry_an_offset(string text, string utc)
    {
        Assert.True(CommonOptions.TryParseMoment(text, Austin, out var moment));
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), moment);
    }

    [Theory]
    [InlineData("10/09/2025")]
    [InlineData("09.10.2025")]
    [InlineData("Oct 9 2025")]
    [InlineData("2025-10-09 09:00")]
    [InlineData("next tuesday")]
    public void Anything_but_iso_8601_is_refused(string text)
    {
        Assert.False(CommonOptions.TryParseMoment(text, Austin, out _));
    }

    [Fact]
    public void Ask_refuses_a_us_style_date_and_says_which_forms_it_takes()
    {
        var run = CliRun.Invoke("ask", "/reading", "--config", CliRun.SampleConfig, "--at", "10/09/2025");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Contains("--at \"10/09/2025\" is not an ISO-8601 date or time", run.Error);
        Assert.Contains("2025-09-10T09:00-05:00", run.Error);
    }
}
