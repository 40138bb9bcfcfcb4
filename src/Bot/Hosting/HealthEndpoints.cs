using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CourseBot.Core.Replies;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Hosting;

/// <summary>
/// <c>GET /healthz</c>: the process is alive. <c>GET /readyz</c>: every <see cref="ReadinessCheck"/> (the
/// courses are loaded, the scheduler runs, …) is ready. It shares the public port with the platforms' webhooks,
/// so anyone may learn only whether the bot is ready; what is served, what is due next, channel ids, file
/// paths and problems are shown only to a request with <c>Authorization: Bearer &lt;Health:Token&gt;</c>.
/// </summary>
public static partial class HealthEndpoints
{
    /// <summary>The setting holding the token that unlocks the details of <c>/readyz</c>.</summary>
    public const string TokenSetting = "Health:Token";

    private const string Json = "application/json; charset=utf-8";

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var time = endpoints.ServiceProvider.GetRequiredService<TimeProvider>();
        var bot = new BotDetail(
            typeof(HealthEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
            time.GetUtcNow(),
            time);

        // The details list the parts in the order they were registered (courses, scheduler, platforms, …).
        var parts = endpoints.ServiceProvider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations
            .Where(r => r.Tags.Contains(ReadinessCheck.Tag))
            .Select(r => r.Name)
            .ToArray();
        var configuration = endpoints.ServiceProvider.GetRequiredService<IConfiguration>();
        var logger = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HealthEndpoints).FullName!);

        // AllowCachingResponses: the answers stay as they were, without the middleware's no-cache headers.
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            AllowCachingResponses = true,
            Predicate = _ => false,
            ResponseWriter = (context, _) => WriteAsync(context.Response, "text/plain; charset=utf-8", "ok\n"u8.ToArray()),
        });
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            AllowCachingResponses = true,
            Predicate = r => r.Tags.Contains(ReadinessCheck.Tag),
            ResponseWriter = (context, report) => WriteReadinessAsync(context, report, AccessOf(context.Request, configuration[TokenSetting]), bot, parts, logger),
        });
        return endpoints;
    }

    /// <summary>
    /// The answer to <c>/readyz</c>: refused, the public <c>{"status"}</c>, or for the token's holder the bot,
    /// each part's detail and the status. The health check middleware has set 200 or 503 already.
    /// </summary>
    private static Task WriteReadinessAsync(HttpContext context, HealthReport report, Access access, BotDetail bot, IReadOnlyList<string> parts, ILogger logger)
    {
        foreach (var (part, entry) in report.Entries.Where(e => e.Value.Exception is not null))
        {
            PartFailed(logger, entry.Exception!, part);
        }

        if (access == Access.Denied)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return WriteAsync(context.Response, Json, "{\"status\":\"unauthorized\"}"u8.ToArray());
        }

        var status = report.Status == HealthStatus.Healthy ? "ready" : "not ready";
        if (access == Access.Public)
        {
            return WriteAsync(context.Response, Json, Encoding.UTF8.GetBytes($"{{\"status\":\"{status}\"}}"));
        }

        using var body = new MemoryStream();
        using (var json = new Utf8JsonWriter(body, new JsonWriterOptions
        {
            Indented = true,

            // Read by people: paths and messages keep their quotes and + rather than \u0022 escapes.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            json.WriteStartObject();
            json.WriteStartObject("bot");
            json.WriteString("version", bot.Version);
            json.WriteString("startedAt", IsoTime.Utc(bot.StartedAt));
            json.WriteNumber("uptimeSeconds", (long)(bot.Time.GetUtcNow() - bot.StartedAt).TotalSeconds);
            json.WriteEndObject();
            foreach (var part in parts)
            {
                if (report.Entries.TryGetValue(part, out var entry))
                {
                    json.WritePropertyName(part);
                    WriteDetail(json, entry);
                }
            }

            json.WriteString("status", status);
            json.WriteEndObject();
        }

        return WriteAsync(context.Response, Json, body.ToArray());
    }

    /// <summary>The part's own JSON; a part that failed to report (it threw, or timed out) says why instead.</summary>
    private static void WriteDetail(Utf8JsonWriter json, HealthReportEntry entry)
    {
        if (entry.Data.TryGetValue(ReadinessCheck.DetailKey, out var detail) && detail is JsonElement element)
        {
            element.WriteTo(json);
        }
        else
        {
            json.WriteStringValue($"failed to report: {entry.Exception?.Message ?? entry.Description ?? entry.Status.ToString()}");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "/readyz: the {Part} part failed to report")]
    private static partial void PartFailed(ILogger logger, Exception exception, string part);

    private static Task WriteAsync(HttpResponse response, string contentType, byte[] body)
    {
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body).AsTask();
    }

    /// <summary>
    /// No Authorization header: the public answer. A bearer token equal to the setting (compared in
    /// constant time): the details. Anything else, or any token while none is set: refused.
    /// </summary>
    private static Access AccessOf(HttpRequest request, string? expected)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return Access.Public;
        }

        const string scheme = "Bearer ";
        if (string.IsNullOrEmpty(expected) || !header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return Access.Denied;
        }

        // Hashing first makes the comparison independent of both lengths.
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()));
        var wanted = SHA256.HashData(Encoding.UTF8.GetBytes(expected));
        return CryptographicOperations.FixedTimeEquals(given, wanted) ? Access.Details : Access.Denied;
    }

    /// <summary>The <c>bot</c> part of the details: which build runs, since when.</summary>
    private sealed record BotDetail(string Version, DateTimeOffset StartedAt, TimeProvider Time);

    private enum Access
    {
        Public,
        Details,
        Denied,
    }
}
