using System.Text.Json;
using CourseBot.Bot.Discord.Rest;
using CourseBot.Bot.Hosting;

namespace CourseBot.Bot.Discord.Interactions;

/// <summary>
/// Answers the interactions the gateway hands over, several at a time so one slow answer holds up no
/// one; the initial response goes through the callback endpoint. A slot is held only until that initial
/// response is out: the rest (edits, follow-ups, posting) carries on outside the slots, so slow answers
/// cannot keep new interactions past their 3 seconds. Those late parts belong to <see cref="BackgroundWork"/>,
/// which logs their failures and waits for them at shutdown.
/// </summary>
public sealed partial class GatewayInteractionWorker(
    InteractionQueue queue,
    DiscordInteractionHandler handler,
    DiscordRestClient rest,
    TimeProvider time,
    BackgroundWork background,
    ILogger<GatewayInteractionWorker> logger) : BackgroundService
{
    public const int MaxConcurrent = 16;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Parallel.ForEachAsync(
            queue.ReadAllAsync(stoppingToken),
            new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrent, CancellationToken = stoppingToken },
            AnswerAsync);
    }

    /// <summary>Stopping takes no new interactions; one already taken is answered on <see cref="BackgroundWork.Abandoned"/>, as in HTTP mode.</summary>
    private async ValueTask AnswerAsync(ReceivedInteraction received, CancellationToken stoppingToken)
    {
        DiscordInteraction interaction;
        try
        {
            interaction = DiscordInteraction.Parse(received.Json);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            LogUnreadable(e.Message);
            return;
        }

        var callback = new Callback(rest, interaction, received, time);
        var handling = handler.HandleAsync(received, interaction, callback, background.Abandoned);
        // The user sees Discord's "did not respond" or a missing follow-up when this fails; the log says why.
        background.Track(handling, $"Discord: answering /{interaction.CommandName ?? "?"}");
        await Task.WhenAny(callback.Attempted, handling);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An interaction from the gateway could not be read: {Problem}")]
    private partial void LogUnreadable(string problem);

    private sealed class Callback(DiscordRestClient rest, DiscordInteraction interaction, ReceivedInteraction received, TimeProvider time) : IInitialResponse
    {
        private readonly TaskCompletionSource _attempted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _delivered = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The initial response was sent or failed: either way the slot is no longer needed.</summary>
        public Task Attempted => _attempted.Task;

        public Task Delivered => _delivered.Task;

        public async Task SendAsync(ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
        {
            try
            {
                // The callback's success is Discord's acknowledgement; a failed one leaves Delivered pending,
                // but the exception ends the handler before it waits.
                var left = DiscordRestClient.InteractionDeadline - time.GetElapsedTime(received.ReceivedAt);
                await rest.RespondAsync(interaction.Id, interaction.Token, json, left, cancellationToken);
                _delivered.TrySetResult();
            }
            finally
            {
                _attempted.TrySetResult();
            }
        }
    }
}
