namespace CourseBot.Bot.Slack;

/// <summary>Answers a direct message in the direct-message channel itself.</summary>
public sealed class SlackDirectMessageHandler(SlackQuestions questions) : ISlackEventHandler<DirectMessage>
{
    public Task HandleAsync(DirectMessage slackEvent, CancellationToken cancellationToken) =>
        questions.AnswerAsync(slackEvent.Message, inThread: false, cancellationToken);
}
