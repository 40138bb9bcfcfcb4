using CourseBot.Bot.Http;
using CourseBot.Core;
using CourseBot.Core.Commands;
using CourseBot.Core.Leads;
using CourseBot.Core.Replies;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Calendar;

/// <summary>
/// Answers /calendar: the course feed's address under <c>Http__PublicBaseUrl</c> and, in a course with discussion
/// leads, the asker's personal feed (their token made on first use, the same ever after).
/// </summary>
public sealed class CalendarLinks(IOptions<HttpOptions> options, ICalendarTokens tokens)
{
    /// <param name="renew">"/calendar new": a new personal address, the old one stops working.</param>
    public async Task<Reply> AnswerAsync(CourseSnapshot course, LeadStudent asker, bool renew, CancellationToken ct)
    {
        if (options.Value.BaseAddress is not { } baseAddress)
        {
            return CalendarReply.NoAddress(course);
        }

        var id = Uri.EscapeDataString(course.Course.Id);
        var feed = new Uri(baseAddress, $"calendar/{id}.ics");
        Uri? personal = null;
        if (course.Course.Leads is not null)
        {
            var token = renew
                ? await tokens.RenewAsync(course.Course.Id, asker.Platform, asker.UserId, ct)
                : await tokens.TokenForAsync(course.Course.Id, asker.Platform, asker.UserId, ct);
            personal = new Uri(baseAddress, $"calendar/{id}/{token}.ics");
        }

        return CalendarReply.Links(course, feed, personal, renewed: renew && personal is not null);
    }
}
