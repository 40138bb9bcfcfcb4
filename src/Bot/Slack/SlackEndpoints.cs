using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CourseBot.Bot.Hosting;
using Microsoft.AspNetCore.WebUtilities;

namespace CourseBot.Bot.Slack;

/// <summary>
/// HTTP mode: <c>/slack/commands</c>, <c>/slack/events</c>, <c>/slack/interactivity</c>. Each request's
/// signature is checked on the raw bytes before anything is parsed; anything unverified gets 401.
/// </summary>
public sealed class SlackEndpoints(SlackSignature signature, SlackCommandHandler commands, SlackInbound inbound, TimeProvider time)
{
    public void Map(WebApplication app)
    {
        app.MapPost("/slack/commands", CommandsAsync);
        app.MapPost("/slack/events", EventsAsync);
        app.MapPost("/slack/interactivity", InteractivityAsync);
    }

    private async Task CommandsAsync(HttpContext http)
    {
        var receivedAt = time.GetTimestamp();
        if (await VerifiedAsync(http) is not { } body)
        {
            return;
        }

        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
        var ack = await commands.HandleAsync(SlashCommand.From(name => form.TryGetValue(name, out var v) ? v.ToString() : null), receivedAt, http.RequestAborted);
        await WriteAsync(http, ack.Body);
    }

    private async Task EventsAsync(HttpContext http)
    {
        if (await VerifiedAsync(http) is not { } body)
        {
            return;
        }

        await WriteAsync(http, Parse(http, body) is { } json ? inbound.Event(json) : null);
    }

    private async Task InteractivityAsync(HttpContext http)
    {
        if (await VerifiedAsync(http) is not { } body)
        {
            return;
        }

        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
        if (form.TryGetValue("payload", out var payload) && Parse(http, Encoding.UTF8.GetBytes(payload.ToString())) is { } json)
        {
            inbound.Interaction(json);
        }
    }

    /// <summary>The raw body when its signature holds; otherwise answers 401 and returns null.</summary>
    private async Task<byte[]?> VerifiedAsync(HttpContext http)
    {
        var body = await RawBody.ReadAsync(http);
        var headers = http.Request.Headers;
        if (body is null || !signature.IsValid(headers[SlackSignature.SignatureHeader], headers[SlackSignature.TimestampHeader], body))
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return null;
        }

        return body;
    }

    private static JsonObject? Parse(HttpContext http, byte[] body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return null;
        }
    }

    private static async Task WriteAsync(HttpContext http, JsonObject? answer)
    {
        if (answer is not null)
        {
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(answer.ToJsonString(), http.RequestAborted);
        }
    }
}
