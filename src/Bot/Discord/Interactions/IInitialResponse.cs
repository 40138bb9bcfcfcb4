namespace CourseBot.Bot.Discord.Interactions;

/// <summary>
/// Sends the one initial response an interaction gets: in HTTP mode as the answer to Discord's request,
/// over the gateway as a callback request. Everything after it (edits, follow-ups) goes over REST.
/// </summary>
public interface IInitialResponse
{
    /// <param name="json">The response body: <c>InteractionResponseBody</c> as JSON.</param>
    Task SendAsync(ReadOnlyMemory<byte> json, CancellationToken cancellationToken);

    /// <summary>
    /// Completes once Discord has the initial response (HTTP mode: after the answer is flushed; gateway:
    /// after the callback succeeded). Discord refuses webhook calls for an interaction it has not seen
    /// acknowledged, so edits and follow-ups wait for this.
    /// </summary>
    Task Delivered { get; }
}
