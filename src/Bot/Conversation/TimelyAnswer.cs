using CourseBot.Core.Commands;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Conversation;

/// <summary>
/// What every platform with a reply deadline does: start answering, wait for the answer only until the
/// budget since receipt (monotonic clock) is spent, and turn a failure into a short apology — never
/// silence, never the exception's text.
/// </summary>
public static partial class TimelyAnswer
{
    /// <summary>Discord and Slack allow 3 s; a second is left for the network and the response itself.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Starts answering <paramref name="request"/> and waits for the answer only until the budget since
    /// receipt is spent. Commands that may take long (posting) are not waited for: the caller acknowledges at once.
    /// </summary>
    /// <param name="cancellationToken">Stops the waiting, not the answer (that is <see cref="AnswerRequest.Stopping"/>).</param>
    public static async Task<StartedAnswer> StartAsync(
        this ICourseConversation conversation, AnswerRequest request, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var command = request.Command;
        var readsStore = CommandDispatcher.UsesSignups(command) || command is CourseCommand.Question or CourseCommand.Calendar;

        // Started off this thread when it reads the store (sign-ups, calendar tokens): Microsoft.Data.Sqlite's async calls run synchronously, so a
        // locked file would otherwise hold this thread, and with it the acknowledgement, past the platform's deadline.
        // (Posting commands start here as before: a refusal is answered at once, a post is acknowledged before it goes out.)
        var answer = readsStore
            ? Task.Run(() => SafelyAsync(conversation, request.Context, command, logger, request.Stopping), CancellationToken.None)
            : SafelyAsync(conversation, request.Context, command, logger, request.Stopping);

        // Posting and reloading are not waited for; a sign-up is one database round trip, usually well within the budget.
        var waits = !conversation.MayTakeLong(command) || CommandDispatcher.UsesSignups(command);
        if (!answer.IsCompleted && waits)
        {
            var left = Budget - time.GetElapsedTime(request.ReceivedAt);
            if (left > TimeSpan.Zero)
            {
                await Task.WhenAny(answer, Task.Delay(left, time, cancellationToken));
            }
        }

        return new StartedAnswer(answer);
    }

    /// <summary>The conversation's answer, or a short apology (the error goes to the log).</summary>
    public static async Task<Reply> SafelyAsync(this ICourseConversation conversation, CommandContext context, CourseCommand command, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            return await conversation.AnswerAsync(context, command, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogAnswerFailed(logger, e, context.Platform, command.GetType().Name);
            return Reply.Problem("Something went wrong", "CourseBot could not answer that just now; the problem was logged. Please try again in a minute.", TimeZoneInfo.Utc);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Answering {Command} on {Platform} failed")]
    private static partial void LogAnswerFailed(ILogger logger, Exception exception, string platform, string command);
}

/// <summary>A command to answer within <see cref="TimelyAnswer.Budget"/>.</summary>
/// <param name="Context">Who asks, and where.</param>
/// <param name="Command">What they asked.</param>
/// <param name="ReceivedAt">The <see cref="TimeProvider.GetTimestamp"/> at receipt: the budget counts from here.</param>
/// <param name="Stopping">
/// Stops the answer itself: the request's token when the answer dies with the request (Discord), the
/// application's stopping token when it outlives the acknowledgement (Slack's response_url).
/// </param>
public sealed record AnswerRequest(CommandContext Context, CourseCommand Command, long ReceivedAt, CancellationToken Stopping);

/// <summary>An answer that was started within the budget.</summary>
/// <param name="Reply">The reply, whenever it is ready; never faults (a failure becomes an apology).</param>
public sealed record StartedAnswer(Task<Reply> Reply)
{
    /// <summary>True when the reply was ready within the budget; otherwise the caller defers and awaits <see cref="Reply"/>.</summary>
    public bool IsReady => Reply.IsCompleted;
}
