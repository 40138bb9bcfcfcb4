using System.Text.Json;
using CourseBot.Bot.Hosting;

namespace CourseBot.Bot.Discord.Interactions;

/// <summary>
/// <c>POST /discord/interactions</c> (HTTP mode): verify the signature on the raw bytes and refuse
/// replays (<see cref="InteractionReplayGuard"/>), then answer
/// inline with the initial response. A deferred answer finishes after the request, owned by
/// <see cref="BackgroundWork"/> rather than the request, so it is still sent when the bot is stopping.
/// </summary>
public static partial class InteractionEndpoint
{
    public const string Path = "/discord/interactions";

    public static async Task HandleAsync(
        HttpContext http,
        InteractionSignature signature,
        InteractionReplayGuard replays,
        IncompleteBodies incomplete,
        DiscordInteractionHandler handler,
        TimeProvider time,
        BackgroundWork background,
        ILogger<DiscordInteractionHandler> logger)
    {
        var receivedAt = time.GetTimestamp();
        var body = await RawBody.ReadAsync(http, incomplete);
        var headers = http.Request.Headers;
        var timestamp = headers[InteractionSignature.TimestampHeader].ToString();
        if (body is null || !signature.IsValid(headers[InteractionSignature.SignatureHeader], timestamp, body) || !replays.IsFresh(timestamp))
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        DiscordInteraction interaction;
        try
        {
            interaction = DiscordInteraction.Parse(body);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            LogUnreadable(logger, e.Message);
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (!replays.FirstTime(interaction.Id))
        {
            // A captured request sent again within the window: it was answered the first time.
            LogRepeated(logger, interaction.Id);
            http.Response.StatusCode = StatusCodes.Status409Conflict;
            return;
        }

        var initial = new InlineResponse();
        var handling = handler.HandleAsync(new ReceivedInteraction(body, receivedAt), interaction, initial, background.Abandoned);
        // Answers from memory complete synchronously: no waiting machinery on the common path.
        if (!initial.Sent.IsCompleted && await Task.WhenAny(initial.Sent, handling) == handling && !initial.Sent.IsCompleted)
        {
            // The handler failed before answering; it has logged why. Discord shows "did not respond".
            await handling;
        }

        // The edit and follow-ups of a deferred answer, or their failure once the initial response is out.
        background.Track(handling, $"Discord: finishing the answer to /{interaction.CommandName ?? "?"}");

        http.Response.ContentType = "application/json";
        try
        {
            await http.Response.Body.WriteAsync(await initial.Sent, http.RequestAborted);
            // Flush the whole answer before edits and follow-ups may start: Discord must have it first.
            await http.Response.CompleteAsync();
            initial.Deliver();
        }
        catch (Exception e)
        {
            initial.Undeliverable(e);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A signed interaction could not be read: {Problem}")]
    private static partial void LogUnreadable(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Interaction {Id} arrived again and was refused: it was answered the first time")]
    private static partial void LogRepeated(ILogger logger, string id);

    /// <summary>The initial response, handed back to the waiting HTTP request.</summary>
    private sealed class InlineResponse : IInitialResponse
    {
        private readonly TaskCompletionSource<ReadOnlyMemory<byte>> _sent = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private readonly TaskCompletionSource _delivered = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<ReadOnlyMemory<byte>> Sent => _sent.Task;

        public Task Delivered => _delivered.Task;

        public void Deliver() => _delivered.TrySetResult();

        /// <summary>The answer never reached Discord: the waiting edits and follow-ups fail instead of hanging.</summary>
        public void Undeliverable(Exception why) => _delivered.TrySetException(new InvalidOperationException("the initial response was not delivered", why));

        public Task SendAsync(ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
        {
            if (!_sent.TrySetResult(json))
            {
                throw new InvalidOperationException("an interaction gets exactly one initial response");
            }

            return Task.CompletedTask;
        }
    }
}
