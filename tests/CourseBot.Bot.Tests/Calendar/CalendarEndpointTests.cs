using System.Net;
using System.Net.Http.Headers;
using CourseBot.Bot.Calendar;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Tests.Cli;
using CourseBot.Bot.Tests.Running;
using CourseBot.Bot.Tests.Scheduling;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Calendar;

/// <summary><c>GET /calendar/{courseId}.ics</c> on the bot's own listener (loopback): the feed, 304s, 404s.</summary>
public sealed class CalendarEndpointTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private WebApplication? _app;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?> { ["Storage:DataDirectory"] = Path.Combine(_data.Path, "data") };
        var (app, address) = await InProcessBot.StartAsync(settings, CliRun.SampleConfig);
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

    [Fact]
    public async Task The_feed_is_a_calendar_with_an_etag_and_last_modified()
    {
        using var response = await _http.GetAsync("/calendar/cs395t.ics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.NotNull(response.Headers.ETag);
        Assert.NotNull(response.Content.Headers.LastModified);
        var calendar = Ical.Net.Calendar.Load(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(57, calendar.Events.Count);
    }

    [Fact]
    public async Task A_client_holding_the_current_etag_gets_304_without_a_body()
    {
        using var first = await _http.GetAsync("/calendar/cs395t.ics");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/calendar/cs395t.ics");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var again = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
    }

    [Fact]
    public async Task Another_etag_gets_the_whole_feed_and_if_modified_since_alone_gets_304()
    {
        using var first = await _http.GetAsync("/calendar/cs395t.ics");
        using var stale = new HttpRequestMessage(HttpMethod.Get, "/calendar/cs395t.ics");
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"0123\""));
        // If-None-Match decides when both are sent.
        stale.Headers.IfModifiedSince = first.Content.Headers.LastModified;
        using var since = new HttpRequestMessage(HttpMethod.Get, "/calendar/cs395t.ics");
        since.Headers.IfModifiedSince = first.Content.Headers.LastModified;

        using var full = await _http.SendAsync(stale);
        using var notModified = await _http.SendAsync(since);

        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await full.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task Head_gets_the_headers_without_the_body()
    {
        using var get = await _http.GetAsync("/calendar/cs395t.ics");
        using var head = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/calendar/cs395t.ics"));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/calendar/cs999.ics")]
    [InlineData("/calendar/cs395t")]
    [InlineData("/calendar/cs395t.ics.ics")]
    public async Task An_unknown_course_is_404(string path)
    {
        using var response = await _http.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task While_a_new_version_is_refused_or_not_yet_published_the_last_good_feed_is_served()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 8, 1, 12, 0, 0, TimeSpan.Zero));
        var catalog = new CourseCatalog();
        var feeds = new CalendarFeeds(catalog, await CalendarFixtures.StoreAsync(Path.Combine(_data.Path, "feeds.db"), time));
        var good = await CalendarFixtures.SampleAsync();
        catalog.Publish(new CourseStatus(good, "v1", time.GetUtcNow(), null));
        var served = await feeds.FindAsync("cs395t", CancellationToken.None);

        // A reload whose files are broken: the catalog keeps the good snapshot and only notes the problem.
        catalog.Reject("cs395t", "reading_list.md:3:1: error: …");
        var duringReload = await feeds.FindAsync("cs395t", CancellationToken.None);

        Assert.NotNull(served);
        Assert.Equal("v1", duringReload!.Version);
        Assert.Equal(served.Body, duringReload.Body);

        // The next good version is served whole once it is published.
        var edited = await CalendarFixtures.EditedAsync(_data.Path, text => text.Replace("""end: "14:00" }""", """end: "14:00", room: "GDC 1.304" }""", StringComparison.Ordinal));
        catalog.Publish(new CourseStatus(edited, "v2", time.GetUtcNow(), null));
        var next = await feeds.FindAsync("cs395t", CancellationToken.None);
        Assert.Equal("v2", next!.Version);
        // Both weekly meetings now have a room: 28 classes with a location.
        Assert.Equal(28, Ical.Net.Calendar.Load(System.Text.Encoding.UTF8.GetString(next.Body))!.Events.Count(e => e.Location == "GDC 1.304"));
        Assert.Null(await feeds.FindAsync("cs999", CancellationToken.None));
    }
}
