using System.Text.Json;

namespace CourseBot.Bot.Hosting;

/// <summary>
/// <c>GET /healthz</c>: the process is alive. <c>GET /readyz</c>: the courses are loaded and the
/// scheduler runs, with what is served, what is due next and how each platform is connected.
/// </summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Text("ok\n"));
        endpoints.MapGet("/readyz", async (IEnumerable<IReadinessReport> reports, CancellationToken cancellationToken) =>
        {
            var ready = true;
            using var body = new MemoryStream();
            await using (var json = new Utf8JsonWriter(body, new JsonWriterOptions { Indented = true }))
            {
                json.WriteStartObject();
                foreach (var report in reports)
                {
                    json.WritePropertyName(report.Name);
                    ready &= await report.WriteAsync(json, cancellationToken);
                }

                json.WriteBoolean("ready", ready);
                json.WriteEndObject();
            }

            return Results.Text(System.Text.Encoding.UTF8.GetString(body.ToArray()), "application/json", System.Text.Encoding.UTF8, ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        return endpoints;
    }
}
