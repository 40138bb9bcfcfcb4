using System.Text.Json.Nodes;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Slack.Wire;

namespace CourseBot.Bot.Slack;

/// <summary>
/// Events and button clicks, whichever transport brought them: acknowledged at once, handled after,
/// each delivery once (Slack retries events it thinks were missed).
/// </summary>
/// <remarks>Mentions and direct messages go to their handlers when they are registered (the bot registers both).</remarks>
public sealed class SlackInbound(
    SlackAppHome home,
    SlackCommandHandler commands,
    BackgroundWork background,
    ISlackEventHandler<AppMention>? mentions = null,
    ISlackEventHandler<DirectMessage>? directMessages = null)
{
    private readonly RecentIds _events = new();

    /// <summary>An Events API body: the URL check is answered, events are handed off.</summary>
    /// <exception cref="SlackPayloadException">A field is not of the type Slack documents.</exception>
    public UrlVerificationAnswer? Event(JsonObject body)
    {
        switch (SlackFields.Text(body, "type"))
        {
            case "url_verification":
                return new UrlVerificationAnswer(SlackFields.Text(body, "challenge") ?? throw new SlackPayloadException("'challenge' is missing"));
            case "event_callback" when SlackFields.Text(body, "event_id") is not { } id || _events.FirstTime(id):
                if (SlackFields.Object(body, "event") is { } inner)
                {
                    Dispatch(inner, SlackFields.Text(body, "team_id"));
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>Hands an event to its handler, off the caller's thread.</summary>
    private void Dispatch(JsonObject inner, string? team)
    {
        switch (SlackFields.Text(inner, "type"))
        {
            case "app_home_opened" when SlackFields.Text(inner, "tab") is null or "home" && SlackFields.Text(inner, "user") is { } user:
                Run(() => home.OpenedAsync(user, background.Abandoned), "Slack: publishing the Home tab");
                break;
            case "app_mention" when mentions is not null && SlackChatMessage.From(inner, team) is { } message:
                Run(() => mentions.HandleAsync(new AppMention(message), background.Abandoned), "Slack: answering a mention");
                break;
            case "message" when directMessages is not null && SlackFields.Text(inner, "channel_type") == "im" && SlackChatMessage.From(inner, team) is { } message:
                Run(() => directMessages.HandleAsync(new DirectMessage(message), background.Abandoned), "Slack: answering a direct message");
                break;
        }
    }

    /// <summary>
    /// An interactivity payload: "Share in channel" answers again, publicly; a reply's button or menu
    /// (<see cref="SlackReplyRenderer.CommandAction"/>) runs the command its value carries, answered privately.
    /// </summary>
    /// <exception cref="SlackPayloadException">A field is not of the type Slack documents.</exception>
    public void Interaction(JsonObject payload)
    {
        if (SlackFields.Text(payload, "type") != "block_actions" || SlackFields.Array(payload, "actions") is not { Count: > 0 } actions)
        {
            return;
        }

        var action = SlackFields.Objects(actions, "actions").First();
        var actionId = SlackFields.Text(action, "action_id");
        var responseUrl = Uri.TryCreate(SlackFields.Text(payload, "response_url"), UriKind.Absolute, out var url) ? url : null;
        var user = Id(payload, "user") ?? "";
        var channel = Id(payload, "channel");
        var team = Id(payload, "team");
        if (actionId == SlackCommandHandler.ShareAction && SlackFields.Text(action, "value") is { } line && responseUrl is not null)
        {
            Run(() => commands.ShareAsync(user, channel, team, line, responseUrl, background.Abandoned), "Slack: sharing an answer");
        }
        else if (actionId?.StartsWith(SlackReplyRenderer.CommandAction, StringComparison.Ordinal) == true)
        {
            // A button's value, or the value of the option chosen in a menu.
            var value = SlackFields.Text(action, "value") ?? (SlackFields.Object(action, "selected_option") is { } chosen ? SlackFields.Text(chosen, "value") : null);
            var name = SlackFields.Object(payload, "user") is { } clicker ? SlackFields.Text(clicker, "username") ?? SlackFields.Text(clicker, "name") : null;
            Run(() => commands.ClickAsync(user, channel, team, value, responseUrl, background.Abandoned, name), "Slack: answering a button");
        }
    }

    /// <summary><c>user.id</c>, <c>channel.id</c>, <c>team.id</c>.</summary>
    private static string? Id(JsonObject payload, string name) => SlackFields.Object(payload, name) is { } inner ? SlackFields.Text(inner, "id") : null;

    /// <summary>Off the caller's thread (a request or the socket's receive loop), owned by <see cref="BackgroundWork"/>.</summary>
    private void Run(Func<Task> work, string what) => background.Track(Task.Run(work), what);
}
