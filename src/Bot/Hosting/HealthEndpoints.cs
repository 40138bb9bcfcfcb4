using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Hosting;

/// <summary>
/// <c>GET /healthz</c>: the process is alive. <c>GET /readyz</c>: the courses are loaded and the
/// scheduler runs. It shares the public port with the platforms' webhooks, so anyone may learn only
/// whether the bot is ready; what is served, what is due next, channel ids, file paths and problems
/// are shown only to a request with <c>Authorization: Bearer &lt;Health:Token&gt;</c>.
/// </summary>
public static class HealthEndpoints
{
    /// <summary>The setting holding the token that unlocks the details of <c>/readyz</c>.</summary>
    public const string TokenSetting = "Health:Token";

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var time = endpoints.ServiceProvider.GetRequiredService<TimeProvider>();
        var startedAt = time.GetUtcNow();
        var version = typeof(HealthEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

        endpoints.MapGet("/healthz", () => Results.Text("ok\n"));
        endpoints.MapGet("/readyz", async (HttpRequest request, IConfiguration configuration, IEnumerable<IReadinessReport> reports, CancellationToken cancellationToken) =>
        {
            var access = AccessOf(request, configuration[TokenSetting]);
            if (access == Access.Denied)
            {
                return Results.Text("{\"status\":\"unauthorized\"}", "application/json", Encoding.UTF8, StatusCodes.Status401Unauthorized);
            }

            var ready = true;
            using var body = new MemoryStream();
            await using (var json = new Utf8JsonWriter(body, new JsonWriterOptions
            {
                Indented = true,

                // Read by people: paths and messages keep their quotes and + rather than \u0022 escapes.
                Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            }))
            {
                json.WriteStartObject();
                json.WriteStartObject("bot");
                json.WriteString("version", version);
                json.WriteString("startedAt", IsoTime.Utc(startedAt));
                json.WriteNumber("uptimeSeconds", (long)(time.GetUtcNow() - startedAt).TotalSeconds);
                json.WriteEndObject();
                foreach (var report in reports)
                {
                    json.WritePropertyName(report.Name);
                    ready &= await report.WriteAsync(json, cancellationToken);
                }

                json.WriteString("status", StatusOf(ready));
                json.WriteEndObject();
            }

            var status = ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
            var text = access == Access.Details
                ? Encoding.UTF8.GetString(body.ToArray())
                : $"{{\"status\":\"{StatusOf(ready)}\"}}";
            return Results.Text(text, "application/json", Encoding.UTF8, status);
        });
        return endpoints;
    }

    private static string StatusOf(bool ready) => ready ? "ready" : "not ready";

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

    private enum Access
    {
        Public,
        Details,
        Denied,
    }
}
