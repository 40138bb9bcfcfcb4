using System.Text.Json;
using CourseBot.Bot.Hosting;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Discord.Events;

/// <summary>
/// Scheduled events' part of <c>/readyz</c>: the server, how many events it holds, and what an instructor must
/// fix (a missing Manage Events permission, Discord's limit reached). Shown without taking the bot out of
/// service: answers and posts work without events.
/// </summary>
public sealed class ScheduledEventReadiness(IOptions<DiscordOptions> options, ScheduledEventStatus status) : ReadinessCheck
{
    public override Task<bool> WriteAsync(Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        json.WriteStartObject();
        json.WriteString("guild", options.Value.EventsGuild);
        json.WriteString("window", options.Value.ScheduledEventsWindow.ToString());
        json.WriteString("permission", status.Permission ?? (status.LastSync is null ? "not checked yet" : "ok"));
        if (status.GuildEvents is { } events)
        {
            json.WriteNumber("guildEvents", events);
        }

        if (status.Limit is { } limit)
        {
            json.WriteString("limit", limit);
        }

        if (status.LastSync is { } at)
        {
            json.WriteString("lastSync", at);
        }

        json.WriteEndObject();
        return Task.FromResult(true);
    }
}
