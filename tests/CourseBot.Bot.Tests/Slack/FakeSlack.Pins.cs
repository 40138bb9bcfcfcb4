using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CourseBot.Bot.Tests.Slack;

/// <summary>
/// <c>pins.add</c> as Slack does it (parameters checked against the spec like every call): the message
/// <c>timestamp</c> in <c>channel</c> is pinned; pinned already is <c>already_pinned</c>, a message that is not
/// there <c>message_not_found</c>; <see cref="PinErrors"/> makes a channel answer an error (e.g. <c>missing_scope</c>
/// for an app installed without <c>pins:write</c>).
/// </summary>
public sealed partial class FakeSlack
{
    private readonly ConcurrentDictionary<string, List<string>> _pins = new();

    /// <summary>channel → the error pins.add answers there.</summary>
    public ConcurrentDictionary<string, string> PinErrors { get; } = new();

    /// <summary>The message timestamps pinned in a channel now, in the order they were pinned.</summary>
    public IReadOnlyList<string> PinnedIn(string channel)
    {
        var pins = _pins.GetOrAdd(channel, _ => []);
        lock (pins)
        {
            return [.. pins];
        }
    }

    private IResult AddPin(JsonObject body)
    {
        var channel = body["channel"]!.GetValue<string>();
        var ts = body["timestamp"]?.GetValue<string>();
        if (ChannelErrors.TryGetValue(channel, out var error) || PinErrors.TryGetValue(channel, out error))
        {
            return Results.Json(new { ok = false, error });
        }

        if (ts is null)
        {
            return Results.Json(new { ok = false, error = "no_item_specified" });
        }

        var messages = _posted.GetOrAdd(channel, _ => []);
        lock (messages)
        {
            if (!messages.Any(m => m["ts"]?.GetValue<string>() == ts))
            {
                return Results.Json(new { ok = false, error = "message_not_found" });
            }
        }

        var pins = _pins.GetOrAdd(channel, _ => []);
        lock (pins)
        {
            if (pins.Contains(ts))
            {
                return Results.Json(new { ok = false, error = "already_pinned" });
            }

            pins.Add(ts);
        }

        return Results.Json(new { ok = true });
    }
}
