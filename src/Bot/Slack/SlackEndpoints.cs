using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Slack.Wire;
using Microsoft.AspNetCore.WebUtilities;

namespace CourseBot.Bot.Slack;

/// <summary>
/// HTTP mode: <c>/slack/commands</c>, <c>/slack/events</c>, <c>/slack/interactivity</c>. Each request's
/// signature is checked on the raw bytes before anything is parsed; anything unverified gets 401, and a
/// signed body that is not JSON of the documented shape gets 400.
/// </summary>
public sealed partial class SlackEndpoints(SlackSignature signature, SlackCommandHandler commands, SlackInbound inbound, IncompleteBodies incomplete, TimeProvider time, ILogger<SlackEndpoints> logger)
{
    /// <summary>Duplicate keys are refused while parsing, rather than failing later where a field is read.</summary>
    private static readonly JsonDocumentOptions StrictJson = new() { AllowDuplicateProperties = false };

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
        await WriteAsync(http, ack.Body, SlackJson.Default.SlackResponse);
    }

    private async Task EventsAsync(HttpContext http)
    {
        if (await VerifiedAsync(http) is not { } body)
        {
            return;
        }

        if (Parse(http, body) is not { } json)
        {
            return;
        }

        UrlVerificationAnswer? answer;
        try
        {
            answer = inbound.Event(json);
        }
        catch (SlackPayloadException e)
        {
            Unreadable(http, e.Message);
            return;
        }

        await WriteAsync(http, answer, SlackJson.Default.UrlVerificationAnswer);
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
            try
            {
                inbound.Interaction(json);
            }
            catch (SlackPayloadException e)
            {
                Unreadable(http, e.Message);
            }
        }
    }

    /// <summary>The raw body when its signature holds; otherwise answers 401 and returns null.</summary>
    private async Task<byte[]?> VerifiedAsync(HttpContext http)
    {
        var body = await RawBody.ReadAsync(http, incomplete);
        var headers = http.Request.Headers;
        if (body is null || !signature.IsValid(headers[SlackSignature.SignatureHeader], headers[SlackSignature.TimestampHeader], body))
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return null;
        }

        return body;
    }

    /// <summary>The body as a JSON object; anything else (not JSON, an array, duplicate keys) answers 400.</summary>
    private JsonObject? Parse(HttpContext http, byte[] body)
    {
        try
        {
            if (JsonNode.Parse(body, documentOptions: StrictJson) is JsonObject json)
            {
                return json;
            }

            Unreadable(http, "the body is not a JSON object");
        }
        catch (JsonException e)
        {
            Unreadable(http, e.Message);
        }

        return null;
    }

    private void Unreadable(HttpContext http, string problem)
    {
        LogUnreadable(http.Request.Path, problem);
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A signed Slack request to {Path} could not be read: {Problem}")]
    private partial void LogUnreadable(string path, string problem);

    private static async Task WriteAsync<TAnswer>(HttpContext http, TAnswer? answer, JsonTypeInfo<TAnswer> answerType)
        where TAnswer : class
    {
        if (answer is not null)
        {
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(JsonSerializer.Serialize(answer, answerType), http.RequestAborted);
        }
    }
}
