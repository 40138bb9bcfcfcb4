using System.Globalization;
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

    public static IServiceCollection AddCalendarFeeds(this IServiceCollection services)
    {
        services.AddSingleton<ICalendarRevisions>(sp => new SqlCalendarRevisions(
            sp.GetRequiredService<SqlPostingLedger>().ConnectAsync, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<CalendarFeeds>();
        return services;
    }

    public static IEndpointRouteBuilder MapCalendarEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var feeds = endpoints.ServiceProvider.GetRequiredService<CalendarFeeds>();
        endpoints.MapMethods("/calendar/{courseId}.ics", [HttpMethods.Get, HttpMethods.Head], (HttpContext http) => AnswerAsync(http, feeds));
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

        var headers = response.Headers;
        headers.ETag = feed.ETag;
        headers.LastModified = feed.LastModified.ToString("R", CultureInfo.InvariantCulture);
        // Every poll asks again; the ETag makes asking cheap.
        headers.CacheControl = "no-cache";
        if (NotModified(http.Request, feed))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.ContentType = ContentType;
        headers.ContentDisposition = $"inline; filename=\"{feed.CourseId}.ics\"";
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
