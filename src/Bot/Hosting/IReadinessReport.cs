using System.Text.Json;

namespace CourseBot.Bot.Hosting;

/// <summary>One part of <c>/readyz</c>: courses, scheduler, each platform. Each writes its own JSON value.</summary>
public interface IReadinessReport
{
    /// <summary>The property name under which the report appears.</summary>
    string Name { get; }

    /// <summary>Writes one JSON value and says whether this part is ready.</summary>
    Task<bool> WriteAsync(Utf8JsonWriter json, CancellationToken cancellationToken);
}
