using System.Text.Json;
using CourseBot.Bot.Hosting;

namespace CourseBot.Bot.Scheduling;

/// <summary>
/// The pinned schedule's part of <c>/readyz</c>: channels whose pin was refused, each with what to do. Shown
/// without taking the bot out of service: the schedule message is there, only not pinned.
/// </summary>
public sealed class PinnedScheduleReadiness(PinnedScheduleStatus status) : ReadinessCheck
{
    public override Task<bool> WriteAsync(Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        json.WriteStartObject();
        json.WriteStartObject("pinRefused");
        foreach (var (channel, reason) in status.Refused.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json.WriteString(channel, reason);
        }

        json.WriteEndObject();
        json.WriteEndObject();
        return Task.FromResult(true);
    }
}
