using System.ComponentModel;
using System.Globalization;
using CourseBot.Core.Calendar;

namespace CourseBot.Core.Tests.Calendar;

public sealed class CourseDurationTests
{
    public static TheoryData<string, TimeSpan> Accepted => new()
    {
        { "12h", TimeSpan.FromHours(12) },
        { "12 hours", TimeSpan.FromHours(12) },
        { "1 hour", TimeSpan.FromHours(1) },
        { "90m", TimeSpan.FromMinutes(90) },
        { "90 min", TimeSpan.FromMinutes(90) },
        { "30s", TimeSpan.FromSeconds(30) },
        { "1.5d", TimeSpan.FromHours(36) },
        { "2 days", TimeSpan.FromDays(2) },
        { "3H", TimeSpan.FromHours(3) },
        { "12:00:00", TimeSpan.FromHours(12) },
        { "00:00:30", TimeSpan.FromSeconds(30) },
        { "12:00", TimeSpan.FromHours(12) },
        { "180.00:00:00", TimeSpan.FromDays(180) },
        { "0m", TimeSpan.Zero },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void The_course_file_form_and_the_hh_mm_ss_form_both_read(string text, TimeSpan expected)
    {
        Assert.True(CourseDuration.TryParse(text, out var duration));
        Assert.Equal(expected, duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12")]
    [InlineData("h")]
    [InlineData("-3h")]
    [InlineData("3 weeks")]
    [InlineData("-00:05:00")]
    [InlineData("99999999999999d")]
    [InlineData("1,5h")]
    public void Anything_else_is_refused(string text)
    {
        Assert.False(CourseDuration.TryParse(text, out _));
        var error = Assert.Throws<FormatException>(() => CourseDuration.Parse(text));
        Assert.Contains("\"12h\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"12:00:00\"", error.Message, StringComparison.Ordinal);
    }
}
