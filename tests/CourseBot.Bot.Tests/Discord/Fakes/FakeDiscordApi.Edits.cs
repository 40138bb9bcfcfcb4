using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CourseBot.Bot.Tests.Discord.Fakes;

/// <summary>A message edit the fake applied: which message, the PATCH body, when.</summary>
public sealed record EditedMessage(string Channel, string MessageId, JsonElement Body, DateTimeOffset At);

/// <summary>
/// Message edits as Discord does them (<c>PATCH /channels/{channel}/messages/{message}</c>, body checked
/// against the spec like every request): the fields sent replace the message's, the rest stay; an unknown
/// message is 404 Unknown Message (10008). Staff deleting a message is <see cref="DeleteMessage"/>.
/// </summary>
public sealed partial class FakeDiscordApi
{
    public const string EditTemplate = "/channels/{channel_id}/messages/{message_id}";

    /// <summary>Edits applied, in order.</summary>
    public ConcurrentQueue<EditedMessage> Edits { get; } = new();

    /// <summary>Someone with Manage Messages deletes the message: it is no longer listed, and editing it is 404 Unknown Message.</summary>
    public bool DeleteMessage(string channel, string messageId)
    {
        var messages = Channels.GetOrAdd(channel, _ => []);
        lock (messages)
        {
            return messages.RemoveAll(m => m.Id == messageId) == 1;
        }
    }

    /// <summary>The message as it stands now (after any edits), or null when there is none.</summary>
    public PostedMessage? Find(string channel, string messageId)
    {
        var messages = Channels.GetOrAdd(channel, _ => []);
        lock (messages)
        {
            return messages.FirstOrDefault(m => m.Id == messageId);
        }
    }

    private IResult EditMessage(string channel, string messageId, RecordedRequest request)
    {
        if (UnknownChannels.Contains(channel))
        {
            return Error(404, 10003, "Unknown Channel");
        }

        if (ForbiddenChannels.Contains(channel))
        {
            return Error(403, 50013, "Missing Permissions");
        }

        var messages = Channels.GetOrAdd(channel, _ => []);
        lock (messages)
        {
            var index = messages.FindIndex(m => m.Id == messageId);
            if (index < 0)
            {
                return Error(404, 10008, "Unknown Message");
            }

            var merged = JsonNode.Parse(messages[index].Body.GetRawText())!.AsObject();
            foreach (var (name, value) in JsonNode.Parse(request.Body!.Value.GetRawText())!.AsObject())
            {
                merged[name] = value?.DeepClone();
            }

            messages[index] = messages[index] with { Body = JsonSerializer.SerializeToElement(merged) };
            Edits.Enqueue(new EditedMessage(channel, messageId, request.Body.Value, request.At));
            return Results.Json(Listed(channel, messages[index]));
        }
    }
}
