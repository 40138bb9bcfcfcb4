using CourseBot.Bot.Discord.Rest;

namespace CourseBot.Bot.Discord.Interactions;

/// <summary>
/// Sends the one initial response an interaction gets: in HTTP mode as the answer to Discord's request,
/// over the gateway as a callback request. Everything after it (edits, follow-ups) goes over REST.
/// </summary>
public interface IInitialResponse
{
    Task SendAsync(InteractionResponseBody response, CancellationToken cancellationToken);
}
