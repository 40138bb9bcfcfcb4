using System.Text;
using CourseBot.Bot.Calendar;

namespace CourseBot.Bot.Tests.Calendar;

/// <summary>RFC 5545 content lines: CRLF, folding at 75 octets, TEXT escaping, offsets and alarm durations.</summary>
public sealed class IcsWriterTests
{
    [Fact]
    public void Long_lines_fold_at_75_octets_with_a_leading_space_and_unfold_to_the_original()
    {
        var ics = new IcsWriter();
        var value = string.Concat(Enumerable.Repeat("0123456789", 20));

        ics.Value("DESCRIPTION", value);

        var text = ics.ToString();
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        var lines = text[..^2].Split("\r\n");
        Assert.Equal(3, lines.Length);
        Assert.All(lines, line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, line));
        Assert.Equal(75, lines[0].Length);
        Assert.All(lines.Skip(1), line => Assert.StartsWith(" ", line, StringComparison.Ordinal));
        Assert.Equal("DESCRIPTION:" + value, lines[0] + string.Concat(lines.Skip(1).Select(l => l[1..])));
    }

    [Fact]
    public void Folding_never_splits_a_multi_byte_character()
    {
        var ics = new IcsWriter();
        // "é" is 2 octets, "🎓" 4 (a surrogate pair in .NET): 12 + 30 × 6 octets.
        var value = string.Concat(Enumerable.Repeat("é🎓", 30));

        ics.Value("DESCRIPTION", value);

        var lines = ics.ToString()[..^2].Split("\r\n");
        Assert.All(lines, line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, line));
        // Each line is whole characters: re-encoding loses nothing.
        Assert.All(lines, line => Assert.DoesNotContain('\uFFFD', Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(line))));
        Assert.Equal("DESCRIPTION:" + value, lines[0] + string.Concat(lines.Skip(1).Select(l => l[1..])));
    }

    [Theory]
    [InlineData("a, b; c\\d", "a\\, b\\; c\\\\d")]
    [InlineData("line 1\r\nline 2\nline 3", "line 1\\nline 2\\nline 3")]
    [InlineData("Week 3 · LLM", "Week 3 · LLM")]
    [InlineData("bell\u0007tab\t", "belltab\t")]
    public void Text_values_are_escaped(string value, string written)
    {
        var ics = new IcsWriter();

        ics.Text("SUMMARY", value);

        Assert.Equal($"SUMMARY:{written}\r\n", ics.ToString());
    }

    [Theory]
    [InlineData(-5, 0, "-0500")]
    [InlineData(5, 30, "+0530")]
    [InlineData(0, 0, "+0000")]
    public void Offsets_are_written_as_sign_hours_minutes(int hours, int minutes, string written) =>
        Assert.Equal(written, IcsWriter.Offset(new TimeSpan(hours, hours < 0 ? -minutes : minutes, 0)));

    [Theory]
    [InlineData(3, 0, 0, "-PT3H")]
    [InlineData(0, 30, 0, "-PT30M")]
    [InlineData(26, 30, 0, "-P1DT2H30M")]
    [InlineData(48, 0, 0, "-P2D")]
    [InlineData(0, 0, 0, "-PT0S")]
    public void Alarm_leads_are_negative_durations(int hours, int minutes, int seconds, string written) =>
        Assert.Equal(written, IcsWriter.Before(new TimeSpan(hours, minutes, seconds)));

    [Fact]
    public void A_time_zone_without_daylight_saving_has_one_standard_observance()
    {
        var ics = new IcsWriter();
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

        IcsTimeZone.Write(ics, zone, new DateTimeOffset(2025, 9, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(
            "BEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n",
            ics.ToString());
    }

    [Fact]
    public void Chicago_in_fall_2025_starts_in_daylight_time_from_March_9_and_changes_on_November_2()
    {
        var ics = new IcsWriter();
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");

        IcsTimeZone.Write(ics, zone, new DateTimeOffset(2025, 8, 26, 17, 30, 0, TimeSpan.Zero), new DateTimeOffset(2025, 12, 4, 20, 0, 0, TimeSpan.Zero));

        Assert.Equal(
            "BEGIN:VTIMEZONE\r\nTZID:America/Chicago\r\n"
            + "BEGIN:DAYLIGHT\r\nDTSTART:20250309T020000\r\nTZOFFSETFROM:-0600\r\nTZOFFSETTO:-0500\r\nEND:DAYLIGHT\r\n"
            + "BEGIN:STANDARD\r\nDTSTART:20251102T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0600\r\nEND:STANDARD\r\n"
            + "END:VTIMEZONE\r\n",
            ics.ToString());
    }
}
