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
    /// The answer, started; completed when it was ready within the budget. Commands that may take long
    /// (posting) are not waited for: the caller acknowledges at once.
    /// </summary>
    public static async Task<Task<Reply>> StartAsync(
        this ICourseConversation conversation,
        CommandContext context,
        CourseCommand command,
        long receivedAt,
        TimeProvider time,
        ILogger logger,
        CancellationToken answerToken,
        CancellationToken waitToken)
    {
        var answer = SafelyAsync(conversation, context, command, logger, answerToken);
        if (!answer.IsCompleted && !conversation.MayTakeLong(command))
        {
            var left = Budget - time.GetElapsedTime(receivedAt);
            if (left > TimeSpan.Zero)
            {
                await Task.WhenAny(answer, Task.Delay(left, time, waitToken));
            }
        }

        return answer;
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
