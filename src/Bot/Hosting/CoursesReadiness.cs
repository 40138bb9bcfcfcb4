using System.Text.Json;

namespace CourseBot.Bot.Hosting;

/// <summary>Ready once every course loaded; reports each course's version and diagnostic counts.</summary>
public sealed class CoursesReadiness(CourseCatalog catalog) : IReadinessReport
{
    public string Name => "courses";

    public Task<bool> WriteAsync(Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        json.WriteStartArray();
        foreach (var status in catalog.Statuses)
        {
            json.WriteStartObject();
            json.WriteString("id", status.Snapshot.Course.Id);
            json.WriteString("version", status.Version);
            json.WriteString("loadedAt", status.LoadedAt);
            json.WriteNumber("readings", status.Snapshot.ReadingList.Readings.Count);
            json.WriteNumber("errors", status.Errors);
            json.WriteNumber("warnings", status.Warnings);
            json.WriteString("refusedNewVersion", status.RejectedProblem);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        return Task.FromResult(catalog.IsLoaded && catalog.Statuses.Count > 0);
    }
}
