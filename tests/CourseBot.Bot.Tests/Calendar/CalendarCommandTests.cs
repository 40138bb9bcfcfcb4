using CourseBot.Bot.Tests.Cli;
using CourseBot.Bot.Tests.Scheduling;

namespace CourseBot.Bot.Tests.Calendar;

/// <summary><c>coursebot calendar</c>: the same events as the feed, to standard output or a file.</summary>
public sealed class CalendarCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Without_output_the_calendar_goes_to_standard_output()
    {
        var run = CliRun.Invoke("calendar", "--config", CliRun.SampleConfig);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", run.Output, StringComparison.Ordinal);
        Assert.Equal(57, Ical.Net.Calendar.Load(run.Output)!.Events.Count);
    }

    [Fact]
    public void With_output_it_writes_the_file_and_says_so_on_standard_error()
    {
        var file = Path.Combine(_temp.Path, "cs395t.ics");

        var run = CliRun.Invoke("calendar", "--config", CliRun.SampleConfig, "--course", "cs395t", "--output", file);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Contains(file, run.Error, StringComparison.Ordinal);
        var calendar = Ical.Net.Calendar.Load(File.ReadAllText(file))!;
        Assert.Contains(calendar.Events, e => e.Uid == "cs395t.class.20250826T1230@coursebot");
    }

    [Fact]
    public void An_unknown_course_is_a_configuration_error()
    {
        var run = CliRun.Invoke("calendar", "--config", CliRun.SampleConfig, "--course", "cs999");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("cs999", run.Error, StringComparison.Ordinal);
    }
}
