using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CourseBot.Bot.Tests.Discord.Fakes;

/// <summary>A guild scheduled event the fake holds: its id and its fields as last created or edited.</summary>
public sealed record FakeScheduledEvent(string Id, string CreatorId, JsonObject Fields);

/// <summary>
/// Guild scheduled events as Discord keeps them (guild-scheduled-event.mdx; bodies checked against the spec
/// like every request): list, create (at most <see cref="ScheduledEventLimit"/> per guild, then 400 code 30038),
/// edit (the fields sent replace the event's), delete; an unknown event is 404 Unknown Guild Scheduled Event
/// (10070); a guild in <see cref="GuildsWithoutManageEvents"/> refuses changes with 403 Missing Permissions (50013).
/// </summary>
public sealed partial class FakeDiscordApi
{
    public const string ScheduledEventsTemplate = "/guilds/{guild_id}/scheduled-events";
    public const string ScheduledEventTemplate = "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}";
    public const int ScheduledEventLimit = 100;

    /// <summary>Events per guild, in creation order.</summary>
    public ConcurrentDictionary<string, List<FakeScheduledEvent>> GuildEvents { get; } = new();

    /// <summary>Guilds where the bot lacks Manage Events: listing works, creating, editing and deleting are 403.</summary>
    public HashSet<string> GuildsWithoutManageEvents { get; } = [];

    /// <summary>The events of <paramref name="guild"/> now (a copy).</summary>
    public IReadOnlyList<FakeScheduledEvent> EventsOf(string guild)
    {
        var events = GuildEvents.GetOrAdd(guild, _ => []);
        lock (events)
        {
            return [.. events];
        }
    }

    /// <summary>An event someone else (a member with Manage Events) created in the guild.</summary>
    public void AddOthersEvent(string guild, string name, DateTimeOffset start)
    {
        var events = GuildEvents.GetOrAdd(guild, _ => []);
        lock (events)
        {
            var fields = new JsonObject
            {
                ["name"] = name,
                ["scheduled_start_time"] = start.ToString("O", CultureInfo.InvariantCulture),
                ["scheduled_end_time"] = start.AddHours(1).ToString("O", CultureInfo.InvariantCulture),
                ["privacy_level"] = 2,
                ["entity_type"] = 3,
                ["entity_metadata"] = new JsonObject { ["location"] = "Elsewhere" },
            };
            events.Add(new FakeScheduledEvent(NextId(), "1200000000000000099", fields));
        }
    }

    /// <summary>Someone deletes the event in Discord.</summary>
    public bool DeleteEvent(string guild, string eventId)
    {
        var events = GuildEvents.GetOrAdd(guild, _ => []);
        lock (events)
        {
            return events.RemoveAll(e => e.Id == eventId) == 1;
        }
    }

    private void MapScheduledEvents(WebApplication app, string api)
    {
        app.MapGet(api + "/guilds/{guild}/scheduled-events", (HttpContext h, string guild) => Handle(h, ScheduledEventsTemplate, _ => ListEvents(guild)));
        app.MapPost(api + "/guilds/{guild}/scheduled-events", (HttpContext h, string guild) => Handle(h, ScheduledEventsTemplate, r => CreateEvent(guild, r.Body!.Value)));
        app.MapMethods(api + "/guilds/{guild}/scheduled-events/{id}", ["PATCH"], (HttpContext h, string guild, string id) => Handle(h, ScheduledEventTemplate, r => EditEvent(guild, id, r.Body!.Value)));
        app.MapDelete(api + "/guilds/{guild}/scheduled-events/{id}", (HttpContext h, string guild, string id) => Handle(h, ScheduledEventTemplate, _ => RemoveEvent(guild, id)));
    }

    private IResult ListEvents(string guild)
    {
        var events = GuildEvents.GetOrAdd(guild, _ => []);
        lock (events)
        {
            return Results.Json(events.Select(e => EventJson(guild, e)).ToArray());
        }
    }

    private IResult CreateEvent(string guild, JsonElement body)
    {
        if (GuildsWithoutManageEvents.Contains(guild))
        {
            return Error(403, 50013, "Missing Permissions");
        }

        var events = GuildEvents.GetOrAdd(guild, _ => []);
        lock (events)
        {
            if (events.Count >= ScheduledEventLimit)
            {
                return Error(400, 30038, "Maximum number of uncompleted guild scheduled events reached (100)");
            }

            var created = new FakeScheduledEvent(NextId(), ApplicationId, JsonNode.Parse(body.GetRawText())!.AsObject());
            events.Add(created);
            return Results.Json(EventJson(guild, created));
        }
    }

    private IResult EditEvent(string guild, string id, JsonElement body)
    {
        if (GuildsWithoutManageEvents.Contains(guild))
        {
            return Error(403, 50013, "Missing Permissions");
        }

        var events = GuildEvents.GetOrAdd(guild, _ => []);
        lock (events)
        {
            var index = events.FindIndex(e => e.Id == id);
            if (index < 0)
            {
                return Error(404, 10070, "Unknown Guild Scheduled Event");
            }

            var fields = (JsonObject)events[index].Fields.DeepClone();
            foreach (var (name, value) in JsonNode.Parse(body.GetRawText())!.AsObject())
            {
                fields[name] = value?.DeepClone();
            }

            events[index] = events[index] with { Fields = fields };
            return Results.Json(EventJson(guild, events[index]));
        }
    }

    private IResult RemoveEvent(string guild, string id)
    {
        if (GuildsWithoutManageEvents.Contains(guild))
        {
            return Error(403, 50013, "Missing Permissions");
        }

        return DeleteEvent(guild, id) ? Results.NoContent() : Error(404, 10070, "Unknown Guild Scheduled Event");
    }

    private static JsonObject EventJson(string guild, FakeScheduledEvent e)
    {
        var json = (JsonObject)e.Fields.DeepClone();
        json["id"] = e.Id;
        json["guild_id"] = guild;
        json["creator_id"] = e.CreatorId;
        json["status"] = 1;
        return json;
    }

    private string NextId() => Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
}
