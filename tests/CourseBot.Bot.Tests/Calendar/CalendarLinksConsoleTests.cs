using System.Net;
using System.Text.RegularExpressions;
using CourseBot.Bot.Calendar;
using CourseBot.Bot.Local;
using CourseBot.Bot.Tests.Cli;
using CourseBot.Bot.Tests.Running;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Bot.Tests.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CourseBot.Bot.Tests.Calendar;

/// <summary>
/// /calendar typed at the console of the whole bot (in this process, loopback), with <c>Http__PublicBaseUrl</c> set, and
/// the personal feed it gives served at <c>/calendar/{courseId}/{token}.ics</c>; unknown, malformed and other
/// courses' tokens get one and the same 404.
/// </summary>
public sealed partial class CalendarLinksConsoleTests : IAsyncLifetime
{
    private const string PublicBase = "https://bot.example.edu/cs395t-bot";

    private readonly TempDirectory _data = new();
    private readonly StringWriter _output = new();
    private TextWriter _console = null!;
    private WebApplication? _app;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _console = TextWriter.Synchronized(_output);
        var settings = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = Path.Combine(_data.Path, "data"),
            ["Http:PublicBaseUrl"] = PublicBase,
        };
        var (app, address) = await InProcessBot.StartAsync(settings, CliRun.SampleConfig, services =>
            services.AddSingleton(new LocalConsole(new StringReader("/calendar\n/calendar\n"), _console)));
        _app = app;
        _http = new HttpClient { BaseAddress = address ?? throw new InvalidOperationException("the bot stopped while starting") };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _data.Dispose();
    }

    private string Output()
    {
        lock (_console)
        {
            return _output.ToString();
        }
    }

    [Fact]
    public async Task Calendar_at_the_console_gives_both_addresses_the_same_each_time_and_the_personal_one_is_served()
    {
        await Eventually.WaitForAsync(
            () => Regex.Count(Output(), "Subscribe from web") == 2 ? "answered" : null, "two answers to /calendar on the console");
        var personal = PersonalUrl().Matches(Output()).Select(m => m.Value).Distinct().ToArray();

        var text = Output();
        Assert.Contains($"{PublicBase}/calendar/cs395t.ics", text, StringComparison.Ordinal);
        Assert.Contains("webcal://bot.example.edu/cs395t-bot/calendar/cs395t.ics", text, StringComparison.Ordinal);
        Assert.Contains("From URL", text, StringComparison.Ordinal);
        Assert.Contains("File → New Calendar Subscription", text, StringComparison.Ordinal);
        Assert.Contains("Subscribe from web", text, StringComparison.Ordinal);
        // The same address both times.
        Assert.Single(personal);

        using var response = await _http.GetAsync(new Uri(personal[0]).AbsolutePath.Replace("/cs395t-bot", "", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("private", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var calendar = Ical.Net.Calendar.Load(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("CS 395T · my discussion leads", calendar.Properties["X-WR-CALNAME"]!.Value);
        // The console student leads nothing yet.
        Assert.Empty(calendar.Events);
    }

    [Fact]
    public async Task Unknown_malformed_and_other_courses_tokens_get_the_same_404()
    {
        var tokens = _app!.Services.GetRequiredService<ICalendarTokens>();
        var mine = await tokens.TokenForAsync("cs395t", "discord", "1001", default);
        var otherCourse = await tokens.TokenForAsync("cs999", "discord", "1001", default);
        var unknown = mine[..^1] + (mine[^1] == 'A' ? 'B' : 'A');

        using var found = await _http.GetAsync($"/calendar/cs395t/{mine}.ics");
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        foreach (var path in new[] { $"/calendar/cs395t/{otherCourse}.ics", $"/calendar/cs395t/{unknown}.ics", "/calendar/cs395t/x.ics", $"/calendar/cs395t/{mine}x.ics", $"/calendar/cs999/{mine}.ics" })
        {
            using var response = await _http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
            Assert.Equal(CalendarEndpoints.NoPersonalFeed, await response.Content.ReadAsStringAsync());
        }
    }

    [GeneratedRegex(@"https://bot\.example\.edu/cs395t-bot/calendar/cs395t/[A-Za-z0-9_-]{43}\.ics")]
    private static partial Regex PersonalUrl();
}
