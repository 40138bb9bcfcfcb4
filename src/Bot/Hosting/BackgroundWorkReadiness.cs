using System.Text.Json;

namespace CourseBot.Bot.Hosting;

/// <summary><c>"backgroundWork": {"inFlight": N}</c> in <c>/readyz</c>: work still running after its acknowledgement.</summary>
public sealed class BackgroundWorkReadiness(BackgroundWork work) : ReadinessCheck
{
    public override Task<bool> WriteAsync(Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        json.WriteStartObject();
        json.WriteNumber("inFlight", work.InFlight);
        json.WriteEndObject();
        return Task.FromResult(true);
    }
}
