using System.Text.Json.Nodes;

namespace CourseBot.Bot.Slack;

/// <summary>
/// Events and button clicks, whichever transport brought them: acknowledged at once, handled after,
/// each delivery once (Slack retries events it thinks were missed).
/// </summary>
public sealed partial class SlackInbound(SlackAppHome home, SlackCommandHandler commands, IHostApplicationLifetime lifetime, ILogger<SlackInbound> logger)
{
    private readonly RecentIds _events = new();

    /// <summary>An Events API body: the URL check is answered, events are handed off.</summary>
    public JsonObject? Event(JsonObject body)
    {
        switch (body["type"]?.GetValue<string>())
        {
            case "url_verification":
                return new JsonObject { ["challenge"] = body["challenge"]?.GetValue<string>() };
            case "event_callback" when body["event_id"]?.GetValue<string>() is not { } id || _events.FirstTime(id):
                var inner = body["event"] as JsonObject;
                if (inner?["type"]?.GetValue<string>() == "app_home_opened" && inner["tab"]?.GetValue<string>() is null or "home"
                    && inner["user"]?.GetValue<string>() is { } user)
                {
                    Run(() => home.OpenedAsync(user, lifetime.ApplicationStopping), "publishing the Home tab");
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>An interactivity payload (a button): "Share in channel" answers again, publicly.</summary>
    public void Interaction(JsonObject payload)
    {
        if (payload["type"]?.GetValue<string>() != "block_actions" || payload["actions"] is not JsonArray { Count: > 0 } actions)
        {
            return;
        }

        var action = actions[0]!;
        if (action["action_id"]?.GetValue<string>() == SlackCommandHandler.ShareAction
            && action["value"]?.GetValue<string>() is { } line
            && Uri.TryCreate(payload["response_url"]?.GetValue<string>(), UriKind.Absolute, out var responseUrl))
        {
            var user = payload["user"]?["id"]?.GetValue<string>() ?? "";
            var channel = payload["channel"]?["id"]?.GetValue<string>();
            var team = payload["team"]?["id"]?.GetValue<string>();
            Run(() => commands.ShareAsync(user, channel, team, line, responseUrl, lifetime.ApplicationStopping), "sharing an answer");
        }
    }

    private void Run(Func<Task> work, string what) =>
        _ = Task.Run(async () =>
        {
            try
            {
                await work();
            }
            catch (Exception e) when (e is SlackApiException or SlackUnavailableException)
            {
                LogFailed(what, e.Message);
            }
        });

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack: {What} failed: {Problem}")]
    private partial void LogFailed(string what, string problem);
}
