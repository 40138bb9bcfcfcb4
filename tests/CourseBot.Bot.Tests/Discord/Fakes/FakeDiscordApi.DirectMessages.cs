using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CourseBot.Bot.Tests.Discord.Fakes;

/// <summary>
/// Direct messages as Discord opens them (<c>POST /users/@me/channels</c> with a <c>recipient_id</c>, body checked
/// against the spec like every request): one DM channel per user, the same one each time; its messages are then
/// created like any channel's. A user who refuses DMs from the bot gets 50007 "Cannot send messages to this user".
/// </summary>
public sealed partial class FakeDiscordApi
{
    public const string DirectMessageTemplate = "/users/@me/channels";

    private readonly ConcurrentDictionary<string, string> _directChannels = new();

    /// <summary>Users whose privacy settings refuse DMs from the bot.</summary>
    public HashSet<string> RefusesDirectMessages { get; } = [];

    /// <summary>The DM channel opened with <paramref name="userId"/>, or null when the bot never opened one.</summary>
    public string? DirectChannelOf(string userId) => _directChannels.GetValueOrDefault(userId);

    /// <summary>The messages the bot sent <paramref name="userId"/> privately, oldest first.</summary>
    public IReadOnlyList<PostedMessage> DirectMessagesTo(string userId)
    {
        if (DirectChannelOf(userId) is not { } channel || !Channels.TryGetValue(channel, out var messages))
        {
            return [];
        }

        lock (messages)
        {
            return [.. messages];
        }
    }

    private void MapDirectMessages(WebApplication app, string api) =>
        app.MapPost(api + DirectMessageTemplate, (Delegate)((HttpContext h) => Handle(h, DirectMessageTemplate, r => OpenDirectMessage(r))));

    private IResult OpenDirectMessage(RecordedRequest request)
    {
        var user = request.Body!.Value.GetProperty("recipient_id").GetString()!;
        if (RefusesDirectMessages.Contains(user))
        {
            return Error(400, 50007, "Cannot send messages to this user");
        }

        var channel = _directChannels.GetOrAdd(user, _ => Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture));
        return Results.Json(new JsonObject
        {
            ["id"] = channel,
            ["type"] = 1,
            ["last_message_id"] = null,
            ["flags"] = 0,
            ["recipients"] = new JsonArray(new JsonObject { ["id"] = user, ["username"] = "student", ["discriminator"] = "0", ["avatar"] = null }),
        });
    }
}
