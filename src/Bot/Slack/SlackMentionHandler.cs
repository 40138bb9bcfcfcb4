namespace CourseBot.Bot.Slack;

/// <summary>Answers a mention in the thread of the message that mentioned the bot.</summary>
public sealed class SlackMentionHandler(SlackQuestions questions) : ISlackEventHandler<AppMention>
{
    public Task HandleAsync(AppMention slackEvent, CancellationToken cancellationToken) =>
        questions.AnswerAsync(slackEvent.Message, inThread: true, cancellationToken);
}
