using System.Globalization;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Http;
using CourseBot.Bot.Leads;
using CourseBot.Bot.Storage;
using Microsoft.Net.Http.Headers;

namespace CourseBot.Bot.Calendar;

/// <summary>
/// <c>GET /calendar/{courseId}.ics</c>: the course's calendar for Google Calendar, Apple Calendar and Outlook to
/// subscribe to. Clients poll, so the answer carries an ETag and Last-Modified and a matching
/// <c>If-None-Match</c> (or, without one, <c>If-Modified-Since</c>) gets 304 with no body.
/// </summary>
public static class CalendarEndpoints
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public static IServiceCollection AddCalendarFeeds(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ICalendarRevisions>(sp => new SqlCalendarRevisions(
            sp.GetRequiredService<SqlPostingLedger>().ConnectAsync, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ICalendarTokens>(sp => new SqlCalendarTokens(
            sp.GetRequiredService<SqlPostingLedger>().ConnectAsync, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new CalendarFeeds(
            sp.GetRequiredService<CourseCatalog>(), sp.GetRequiredService<ICalendarRevisions>(),
            sp.GetRequiredService<ILeadStore>(), sp.GetRequiredService<ICalendarTokens>()));
        services.AddCheckedOptions<HttpOptions, HttpOptionsValidator>(configuration.GetSection(HttpOptions.Section));
        services.AddSingleton<CalendarLinks>();
        return services;
    }

    public static IEndpointRouteBuilder MapCalendarEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var feeds = endpoints.ServiceProvider.GetRequiredService<CalendarFeeds>();
        endpoints.MapMethods("/calendar/{courseId}.ics", [HttpMethods.Get, HttpMethods.Head], (HttpContext http) => AnswerAsync(http, feeds));
        endpoints.MapMethods("/calendar/{courseId}/{token}.ics", [HttpMethods.Get, HttpMethods.Head], (HttpContext http) => AnswerPersonalAsync(http, feeds));
        return endpoints;
    }

    private static async Task AnswerAsync(HttpContext http, CalendarFeeds feeds)
    {
        var courseId = http.Request.RouteValues["courseId"] as string ?? "";
        var response = http.Response;
        var feed = await feeds.FindAsync(courseId, http.RequestAborted);
        if (feed is null)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync("No course calendar here: the bot serves no course with this id.\n", http.RequestAborted);
            return;
        }

        await WriteAsync(http, feed, feed.CourseId);
    }

    /// <summary>
    /// <c>GET /calendar/{courseId}/{token}.ics</c>: a student's own feed. An unknown course, an unknown token and a
    /// malformed one get the same 404 and take the same path (the token is looked up in every case).
    /// </summary>
    private static async Task AnswerPersonalAsync(HttpContext http, CalendarFeeds feeds)
    {
        var courseId = http.Request.RouteValues["courseId"] as string ?? "";
        var token = http.Request.RouteValues["token"] as string ?? "";
        var feed = await feeds.FindPersonalAsync(courseId, token, http.RequestAborted);
        // Only the one student should see it: no shared cache keeps a copy.
        http.Response.Headers.CacheControl = "private, no-cache";
        if (feed is null)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(NoPersonalFeed, http.RequestAborted);
            return;
        }

        await WriteAsync(http, feed, $"{feed.CourseId}-mine");
    }

    /// <summary>The one answer for a personal feed that is not there, whatever was wrong with the address.</summary>
    public const string NoPersonalFeed = "No calendar here: ask /calendar in the course's chat for your address.\n";

    private static async Task WriteAsync(HttpContext http, CalendarFeed feed, string fileName)
    {
        var response = http.Response;
        var headers = response.Headers;
        headers.ETag = feed.ETag;
        headers.LastModified = feed.LastModified.ToString("R", CultureInfo.InvariantCulture);
        // Every poll asks again; the ETag makes asking cheap.
        if (string.IsNullOrEmpty(headers.CacheControl))
        {
            headers.CacheControl = "no-cache";
        }

        if (NotModified(http.Request, feed))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.ContentType = ContentType;
        headers.ContentDisposition = $"inline; filename=\"{fileName}.ics\"";
        response.ContentLength = feed.Body.Length;
        if (HttpMethods.IsHead(http.Request.Method))
        {
            return;
        }

        await response.Body.WriteAsync(feed.Body, http.RequestAborted);
    }

    /// <summary>RFC 9110 §13.2.2: If-None-Match decides when present; otherwise If-Modified-Since, to the second.</summary>
    private static bool NotModified(HttpRequest request, CalendarFeed feed)
    {
        var headers = request.GetTypedHeaders();
        if (request.Headers.IfNoneMatch.Count > 0)
        {
            var etag = EntityTagHeaderValue.Parse(feed.ETag);
            return headers.IfNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false));
        }

        return headers.IfModifiedSince is { } since
            && feed.LastModified.ToUnixTimeSeconds() <= since.ToUnixTimeSeconds();
    }
}
