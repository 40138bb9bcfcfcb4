namespace CourseBot.Bot.Slack;

/// <summary>
/// Handles one kind of Slack event, whichever transport brought it (HTTP Events API or Socket Mode):
/// the shape of SlackNet's <c>IEventHandler&lt;T&gt;</c>. Called after the delivery was acknowledged.
/// </summary>
public interface ISlackEventHandler<in TEvent>
{
    Task HandleAsync(TEvent slackEvent, CancellationToken cancellationToken);
}
