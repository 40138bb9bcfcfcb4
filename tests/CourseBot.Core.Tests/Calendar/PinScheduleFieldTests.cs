using CourseBot.Core.Calendar;
using CourseBot.Core.ReadingList;

namespace CourseBot.Core.Tests.Calendar;

/// <summary><c>channels.pinSchedule</c>: true or false (default false), refused with its place in the file otherwise.</summary>
public sealed class PinScheduleFieldTests
{
    /// <summary>A valid course file; line 11 holds the pinSchedule line when given.</summary>
    private static string Course(string? pinScheduleLine) => $"""
        id: cs395t
        name: Test
        timeZone: America/Chicago
        firstMonday: 2025-08-25
        readingList: a.md
        papers: b.yaml
        meetings:
          - {"{"} day: Tuesday, start: "12:30", end: "14:00" {"}"}
        channels:
          discord: ["1234567890123456789"]
        {pinScheduleLine ?? ""}
        """;

    private static (CourseDefinition? Course, List<Diagnostic> Diagnostics) Read(string text)
    {
        var diagnostics = new List<Diagnostic>();
        var course = CourseFile.Parse(text, "c.yaml", diagnostics);
        return (course, diagnostics);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("  pinSchedule: true", true)]
    [InlineData("  pinSchedule: false", false)]
    [InlineData("  pinSchedule: True", true)]
    public void PinSchedule_is_read_from_the_channels_and_off_by_default(string? line, bool expected)
    {
        var (course, diagnostics) = Read(Course(line));

        Assert.Empty(diagnostics);
        Assert.Equal(expected, course!.Channels.PinSchedule);
        Assert.Equal(["1234567890123456789"], course.Channels.Discord);
    }

    [Fact]
    public void A_value_other_than_true_or_false_is_an_error_at_the_value_saying_what_each_does()
    {
        var (_, diagnostics) = Read(Course("  pinSchedule: yes please"));

        var error = Assert.Single(diagnostics);
        Assert.Equal(Severity.Error, error.Severity);
        Assert.Equal(new SourceLocation("c.yaml", 11, 16), error.Location);
        Assert.Equal("channels.pinSchedule must be true or false, not \"yes please\"", error.Message);
        Assert.Contains("true: one pinned message per channel", error.Hint, StringComparison.Ordinal);
        Assert.Contains("false (the default)", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_is_an_error_at_the_value()
    {
        var (_, diagnostics) = Read(Course("  pinSchedule: [true]"));

        var error = Assert.Single(diagnostics);
        Assert.Equal(new SourceLocation("c.yaml", 11, 16), error.Location);
        Assert.Contains("channels.pinSchedule", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_key_is_an_unknown_field_of_channels_with_the_right_name_suggested()
    {
        var (_, diagnostics) = Read(Course("  pinschedule: true"));

        var error = Assert.Single(diagnostics);
        Assert.Equal(new SourceLocation("c.yaml", 11, 3), error.Location);
        Assert.Equal("unknown field \"pinschedule\" in channels", error.Message);
        Assert.Contains("pinSchedule", error.Hint, StringComparison.Ordinal);
    }
}
