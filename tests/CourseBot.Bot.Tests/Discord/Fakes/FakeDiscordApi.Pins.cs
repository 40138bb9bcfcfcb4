using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CourseBot.Bot.Tests.Discord.Fakes;

/// <summary>
/// Pins as Discord keeps them (the spec's <c>create_pin</c>, <c>PUT /channels/{channel}/messages/pins/{message}</c>,
/// no body, 204): pinning a pinned message changes nothing; an unknown message is 404 Unknown Message (10008); a
/// channel in <see cref="ChannelsWithoutPinMessages"/> is 403 Missing Permissions (50013); a 51st pin is 400 (30003).
/// A request to a route the spec lacks or marks deprecated is a violation.
/// </summary>
public sealed partial class FakeDiscordApi
{
    public const string PinTemplate = "/channels/{channel_id}/messages/pins/{message_id}";
    public const int PinsPerChannel = 50;

    /// <summary>Pinned message ids per channel, in the order they were pinned.</summary>
    public ConcurrentDictionary<string, List<string>> Pins { get; } = new();

    /// <summary>Channels where the bot lacks Pin Messages.</summary>
    public HashSet<string> ChannelsWithoutPinMessages { get; } = [];

    /// <summary>The message ids pinned in a channel now (a copy).</summary>
    public IReadOnlyList<string> PinnedIn(string channel)
    {
        var pins = Pins.GetOrAdd(channel, _ => []);
        lock (pins)
        {
            return [.. pins];
        }
    }

    /// <summary>Someone unpins the message in Discord.</summary>
    public void Unpin(string channel, string messageId)
    {
        var pins = Pins.GetOrAdd(channel, _ => []);
        lock (pins)
        {
            pins.Remove(messageId);
        }
    }

    private void MapPins(WebApplication app, string api) =>
        app.MapPut(api + "/channels/{channel}/messages/pins/{message}", (HttpContext h, string channel, string message) => Handle(h, PinTemplate, r => Pin(r, channel, message)));

    private IResult Pin(RecordedRequest request, string channel, string messageId)
    {
        var operation = _spec.Operation(PinTemplate, "PUT");
        if (operation is not { } found || found.GetProperty("operationId").GetString()!.StartsWith("deprecated", StringComparison.Ordinal))
        {
            Violations.Enqueue($"PUT {PinTemplate}: not a current operation of the spec");
        }

        if (request.Body is not null)
        {
            Violations.Enqueue($"PUT {PinTemplate}: takes no body");
        }

        if (ForbiddenChannels.Contains(channel) || ChannelsWithoutPinMessages.Contains(channel))
        {
            return Error(403, 50013, "Missing Permissions");
        }

        if (Find(channel, messageId) is null)
        {
            return Error(404, 10008, "Unknown Message");
        }

        var pins = Pins.GetOrAdd(channel, _ => []);
        lock (pins)
        {
            if (!pins.Contains(messageId))
            {
                if (pins.Count >= PinsPerChannel)
                {
                    return Error(400, 30003, "Maximum number of pins reached (50)");
                }

                pins.Add(messageId);
            }
        }

        return Results.NoContent();
    }
}
