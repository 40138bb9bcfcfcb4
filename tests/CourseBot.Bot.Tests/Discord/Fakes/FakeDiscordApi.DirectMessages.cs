using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CourseBot.Bot.Tests.Discord.Fakes;

/// <summary>
/// Direct messages as Discord does them: <c>POST /users/@me/channels</c> with <c>recipient_id</c> opens (or returns) the
/// DM channel with a user, and messages go to that channel like to any other. A user whose privacy settings refuse DMs
/// from the bot (<see cref="RefuseDirectMessages"/>): opening works, posting is 403 with code 50007 "Cannot send
/// messages to this user", as Discord answers.
/// </summary>
public sealed partial class FakeDiscordApi
{
    public const string DirectMessageTemplate = "/users/@me/channels";

    private readonly ConcurrentDictionary<string, string> _directChannels = new();
    private readonly ConcurrentDictionary<string, byte> _closedDirectChannels = new();

    /// <summary>The DM channel opened with <paramref name="userId"/>, or null when none was opened.</summary>
    public string? DirectChannelOf(string userId) => _directChannels.GetValueOrDefault(userId);

    /// <summary>The messages the bot posted in its DM with <paramref name="userId"/>.</summary>
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

    /// <summary>The user does not take DMs from the bot: every message to their DM channel is refused with 50007.</summary>
    public void RefuseDirectMessages(string userId)
    {
        _closedDirectChannels[DirectChannelFor(userId)] = 0;
        var previous = Intercept;
        Intercept = (request, http) =>
            request.Method == "POST" && request.Template == "/channels/{channel_id}/messages" && _closedDirectChannels.ContainsKey(request.Path.Split('/')[4])
                ? Error(403, 50007, "Cannot send messages to this user")
                : previous?.Invoke(request, http);
    }

    private void MapDirectMessages(WebApplication app, string api) =>
        app.MapPost(api + DirectMessageTemplate, (Delegate)((HttpContext h) => Handle(h, DirectMessageTemplate, r => OpenDirectMessage(r))));

    private IResult OpenDirectMessage(RecordedRequest request)
    {
        var user = request.Body!.Value.GetProperty("recipient_id").GetString()!;
        return Results.Json(new JsonObject
        {
            ["id"] = DirectChannelFor(user),
            ["type"] = 1,
            ["last_message_id"] = null,
            ["flags"] = 0,
            ["recipients"] = new JsonArray(new JsonObject { ["id"] = user, ["username"] = "student", ["discriminator"] = "0", ["avatar"] = null }),
        });
    }

    private string DirectChannelFor(string userId) =>
        _directChannels.GetOrAdd(userId, _ => Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture));
}
