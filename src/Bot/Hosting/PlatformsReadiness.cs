using System.Text.Json;
using CourseBot.Bot.Delivery;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Hosting;

/// <summary>
/// Which platforms the bot posts to. Adapters with a connection of their own (Discord, Slack) add
/// their own report with its state; this one lists every delivery, so the local console shows too.
/// </summary>
public sealed class PlatformsReadiness(IEnumerable<IPostDelivery<Reply>> deliveries) : ReadinessCheck
{
    public override Task<bool> WriteAsync(Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        json.WriteStartArray();
        foreach (var delivery in deliveries)
        {
            json.WriteStringValue(delivery.Platform);
        }

        json.WriteEndArray();
        return Task.FromResult(true);
    }
}
