using System.Text.Json;
using CourseBot.Bot.Discord.Rest;

namespace CourseBot.Bot.Discord.Interactions;

/// <summary>
/// Answers the interactions the gateway hands over, several at a time so one slow answer holds up no
/// one; the initial response goes through the callback endpoint.
/// </summary>
public sealed partial class GatewayInteractionWorker(
    InteractionQueue queue,
    DiscordInteractionHandler handler,
    DiscordRestClient rest,
    ILogger<GatewayInteractionWorker> logger) : BackgroundService
{
    public const int MaxConcurrent = 16;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Parallel.ForEachAsync(
            queue.ReadAllAsync(stoppingToken),
            new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrent, CancellationToken = stoppingToken },
            AnswerAsync);

    private async ValueTask AnswerAsync(ReceivedInteraction received, CancellationToken cancellationToken)
    {
        try
        {
            var interaction = DiscordInteraction.Parse(received.Json);
            await handler.HandleAsync(received, interaction, new Callback(rest, interaction), cancellationToken);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            LogUnreadable(e.Message);
        }
        catch (Exception e) when (e is DiscordApiException or DiscordUnavailableException)
        {
            // One interaction's failure must not stop the worker; the user sees Discord's "did not respond".
            LogAnswerFailed(e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An interaction from the gateway could not be read: {Problem}")]
    private partial void LogUnreadable(string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Answering an interaction failed: {Problem}")]
    private partial void LogAnswerFailed(string problem);

    private sealed class Callback(DiscordRestClient rest, DiscordInteraction interaction) : IInitialResponse
    {
        private readonly TaskCompletionSource _delivered = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Delivered => _delivered.Task;

        public async Task SendAsync(ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
        {
            // The callback's success is Discord's acknowledgement; a failed one leaves Delivered pending,
            // but the exception ends the handler before it waits.
            await rest.RespondAsync(interaction.Id, interaction.Token, json, cancellationToken);
            _delivered.TrySetResult();
        }
    }
}
