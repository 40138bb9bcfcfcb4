using System.Text.Json;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Hosting;

/// <summary>Ready once every course loaded; reports each course's version, its problems and any refused version.</summary>
public sealed class CoursesReadiness(CourseCatalog catalog) : ReadinessCheck
{
    // Enough to see what is wrong; the full list is in the log and in `coursebot validate`.
    private const int MaxDiagnostics = 20;

    public override Task<bool> WriteAsync(Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        json.WriteStartArray();
        foreach (var status in catalog.Statuses)
        {
            var zone = status.Snapshot.TimeZone;
            json.WriteStartObject();
            json.WriteString("id", status.Snapshot.Course.Id);
            json.WriteString("version", status.Version);
            json.WriteString("timeZone", zone.Id);
            json.WriteString("loadedAt", IsoTime.Utc(status.LoadedAt));
            json.WriteString("loadedAtLocal", IsoTime.Local(status.LoadedAt, zone));
            json.WriteNumber("readings", status.Snapshot.ReadingList.Readings.Count);
            json.WriteNumber("errors", status.Errors);
            json.WriteNumber("warnings", status.Warnings);
            json.WriteStartArray("diagnostics");
            foreach (var diagnostic in status.Diagnostics.OrderBy(d => d.Severity == Core.ReadingList.Severity.Error ? 0 : 1).Take(MaxDiagnostics))
            {
                json.WriteStringValue(diagnostic.ToString());
            }

            json.WriteEndArray();
            json.WriteString("refusedNewVersion", status.RejectedProblem);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        return Task.FromResult(catalog.IsLoaded && catalog.Statuses.Count > 0);
    }
}
