using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CourseBot.Bot.Tests.Slack;

/// <summary>
/// <c>chat.update</c> as Slack does it: the message's text and blocks are replaced, its metadata kept when
/// none is sent; a message that is not there is <c>message_not_found</c>. Staff deleting a message is
/// <see cref="DeleteMessage"/>.
/// </summary>
public sealed partial class FakeSlack
{
    /// <summary>The next this-many chat.update calls get a 429 (Retry-After: 1) regardless.</summary>
    public int ForceUpdateRateLimits { get; set; }

    /// <summary>Someone deletes the message: it is no longer listed, and updating it is message_not_found.</summary>
    public bool DeleteMessage(string channel, string ts)
    {
        var messages = _posted.GetOrAdd(channel, _ => []);
        lock (messages)
        {
            return messages.RemoveAll(m => m["ts"]?.GetValue<string>() == ts) == 1;
        }
    }

    /// <summary>The messages in a channel now, oldest first (as posted, then edited).</summary>
    public IReadOnlyList<JsonObject> MessagesIn(string channel)
    {
        var messages = _posted.GetOrAdd(channel, _ => []);
        lock (messages)
        {
            return [.. messages.Select(m => (JsonObject)m.DeepClone())];
        }
    }

    private IResult UpdateMessage(HttpContext http, JsonObject body)
    {
        var channel = body["channel"]!.GetValue<string>();
        var ts = body["ts"]!.GetValue<string>();
        if (ChannelErrors.TryGetValue(channel, out var error))
        {
            return Results.Json(new { ok = false, error });
        }

        if (ForceUpdateRateLimits > 0)
        {
            ForceUpdateRateLimits--;
            Interlocked.Increment(ref _tooMany);
            http.Response.Headers["Retry-After"] = "1";
            return Results.Json(new { ok = false, error = "ratelimited" }, statusCode: 429);
        }

        if (body["blocks"] is JsonArray blocks)
        {
            foreach (var problem in BlockProblems(blocks, MessageBlocks))
            {
                Violations.Enqueue($"chat.update blocks: {problem}");
            }
        }

        var messages = _posted.GetOrAdd(channel, _ => []);
        lock (messages)
        {
            var message = messages.FirstOrDefault(m => m["ts"]?.GetValue<string>() == ts);
            if (message is null)
            {
                return Results.Json(new { ok = false, error = "message_not_found" });
            }

            message["text"] = body["text"]?.DeepClone();
            message["blocks"] = body["blocks"]?.DeepClone();
            message["edited"] = new JsonObject { ["user"] = "U0BOT", ["ts"] = ts };
            return Results.Json(new JsonObject
            {
                ["ok"] = true, ["channel"] = channel, ["ts"] = ts, ["text"] = body["text"]?.DeepClone(),
                ["message"] = new JsonObject { ["text"] = body["text"]?.DeepClone(), ["blocks"] = body["blocks"]?.DeepClone() },
            });
        }
    }
}
