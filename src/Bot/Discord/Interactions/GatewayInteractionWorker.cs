using System.Collections.Concurrent;
using System.Text.Json;
using CourseBot.Bot.Discord.Rest;

namespace CourseBot.Bot.Discord.Interactions;

/// <summary>
/// Answers the interactions the gateway hands over, several at a time so one slow answer holds up no
/// one; the initial response goes through the callback endpoint. A slot is held only until that initial
/// response is out: the rest (edits, follow-ups, posting) carries on outside the slots, so slow answers
/// cannot keep new interactions past their 3 seconds. Those late parts are awaited at shutdown.
/// </summary>
public sealed partial class GatewayInteractionWorker(
    InteractionQueue queue,
    DiscordInteractionHandler handler,
    DiscordRestClient rest,
    TimeProvider time,
    ILogger<GatewayInteractionWorker> logger) : BackgroundService
{
    public const int MaxConcurrent = 16;

    private readonly ConcurrentDictionary<Task, bool> _finishing = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Parallel.ForEachAsync(
                queue.ReadAllAsync(stoppingToken),
                new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrent, CancellationToken = stoppingToken },
                AnswerAsync);
        }
        finally
        {
            // Each task logs its own failure, so this only waits.
            await Task.WhenAll(_finishing.Keys);
        }
    }

    private async ValueTask AnswerAsync(ReceivedInteraction received, CancellationToken cancellationToken)
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
        var handling = HandleAsync(received, interaction, callback, cancellationToken);
        await Task.WhenAny(callback.Attempted, handling);
        if (!handling.IsCompleted)
        {
            _finishing.TryAdd(handling, true);
            _ = handling.ContinueWith(t => _finishing.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>One interaction, start to finish; never throws, so one failure cannot stop the worker.</summary>
    private async Task HandleAsync(ReceivedInteraction received, DiscordInteraction interaction, Callback callback, CancellationToken cancellationToken)
    {
        try
        {
            await handler.HandleAsync(received, interaction, callback, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogStopped(interaction.CommandName ?? "?");
        }
        catch (Exception e) when (e is DiscordApiException or DiscordUnavailableException)
        {
            // The user sees Discord's "did not respond" or a missing follow-up; the log says why.
            LogAnswerFailed(e.Message);
        }
        catch (Exception e)
        {
            LogAnswerCrashed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An interaction from the gateway could not be read: {Problem}")]
    private partial void LogUnreadable(string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Answering an interaction failed: {Problem}")]
    private partial void LogAnswerFailed(string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Answering an interaction failed unexpectedly")]
    private partial void LogAnswerCrashed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped answering /{Command}: the bot is shutting down")]
    private partial void LogStopped(string command);

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
