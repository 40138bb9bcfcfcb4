using CourseBot.Bot.Conversation;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Rendering;
using CourseBot.Bot.Slack.Wire;
using CourseBot.Core.Commands;
using CourseBot.Core.Replies;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Slack;

/// <summary>
/// Slash commands and the share button, whichever transport brought them. The answer goes in the
/// acknowledgement when it is ready within <see cref="TimelyAnswer.Budget"/>; otherwise the acknowledgement says
/// "working on it" and the answer follows through <c>response_url</c>.
/// </summary>
public sealed partial class SlackCommandHandler(
    ICourseConversation conversation,
    SlackApiClient api,
    IOptions<SlackOptions> options,
    TimeProvider time,
    BackgroundWork background,
    ILogger<SlackCommandHandler> logger)
{
    public const string Platform = "slack";
    public const string ShareAction = "coursebot_share";

    private const string ShareText = "Share in channel";

    public async Task<SlackAck> HandleAsync(SlashCommand slash, long receivedAt, CancellationToken cancellationToken)
    {
        var context = Context(slash.UserId, slash.ChannelId, slash.TeamId) with { DisplayName = slash.UserName };
        var command = CommandParser.Parse(slash.Line);
        // /calendar's answer holds the asker's own feed address: always private.
        var isPrivate = command is CourseCommand.Announce or CourseCommand.Reload or CourseCommand.Calendar || conversation.RepliesArePrivate(context);

        // Pinned before answering, so the shared copy shows the week the student saw, whenever it is shared.
        var share = isPrivate ? ShareLine(conversation.Pin(context, command), slash.Line) : null;
        var answer = await conversation.StartAsync(new AnswerRequest(context, command, receivedAt, background.Abandoned), time, logger, cancellationToken);
        if (answer.IsReady)
        {
            var messages = Bodies(await answer.Reply, isPrivate, share);
            if (messages.Count > 1)
            {
                background.Track(FollowUpAsync(slash, messages.Skip(1), background.Abandoned), $"Slack {slash.Command}: sending the rest of the answer through response_url");
            }

            return new SlackAck(messages[0]);
        }

        LogDeferred(slash.Command);
        background.Track(FollowUpAsync(slash, answer.Reply, isPrivate, share), $"Slack {slash.Command}: sending the answer through response_url");
        return new SlackAck(SlackResponse.Private($"Working on {slash.Command}…"));
    }

    /// <summary>"Share in channel": answer the same command again, publicly, and remove the private copy.</summary>
    public async Task ShareAsync(string userId, string? channelId, string? teamId, string line, Uri responseUrl, CancellationToken cancellationToken)
    {
        var context = Context(userId, channelId, teamId);
        var reply = await conversation.SafelyAsync(context, CommandParser.Parse(line), logger, cancellationToken);
        foreach (var body in Bodies(reply, isPrivate: false, shareLine: null))
        {
            await api.RespondAsync(responseUrl, body with { ReplaceOriginal = false }, cancellationToken);
        }

        await api.RespondAsync(responseUrl, SlackResponse.DeleteTheOriginal, cancellationToken);
    }

    /// <summary>
    /// A reply's button or menu choice: the command its value carries (<see cref="ActionCommand"/>) is
    /// answered like the typed command, privately to whoever clicked, through the click's <c>response_url</c>
    /// (a new private message: the message clicked stays as it is). A value CourseBot cannot read gets a
    /// private explanation.
    /// </summary>
    /// <param name="userName">The clicker's <c>user.username</c> (or <c>user.name</c>), kept as their name on the lead roster.</param>
    public async Task ClickAsync(string userId, string? channelId, string? teamId, string? value, Uri? responseUrl, CancellationToken cancellationToken, string? userName = null)
    {
        if (responseUrl is null)
        {
            LogNoResponseUrl("button");
            return;
        }

        var context = Context(userId, channelId, teamId) with { DisplayName = userName };
        Reply reply;
        if (ActionCommand.Decode(value) is { } line)
        {
            reply = await conversation.SafelyAsync(context, CommandParser.Parse(line), logger, cancellationToken);
        }
        else
        {
            LogUnreadableAction(ReplyLines.Clip(value ?? "(none)", SlackLimits.OptionValue));
            reply = Reply.Problem(
                "This button no longer works",
                "CourseBot could not read what this button or menu choice should do (it may come from an older version of the bot). Type the command instead; /coursebot help lists them.",
                TimeZoneInfo.Utc);
        }

        foreach (var body in Bodies(reply, isPrivate: true, shareLine: null))
        {
            await api.RespondAsync(responseUrl, body with { ReplaceOriginal = false }, cancellationToken);
        }
    }

    public CommandContext Context(string userId, string? channelId, string? teamId) =>
        new(Platform, channelId, teamId, userId, options.Value.AdminUserIds.Contains(userId, StringComparer.Ordinal));

    /// <summary>
    /// The line the share button repeats: the command as pinned, or null for no button (admin commands act
    /// or preview, and must not be re-run by whoever shares).
    /// </summary>
    public static string? ShareLine(CourseCommand pinned, string line)
    {
        var shared = pinned switch
        {
            CourseCommand.Announce or CourseCommand.Reload => null,
            // A sign-up is the asker's own: sharing would sign up (or drop) whoever clicks.
            _ when CommandDispatcher.UsesSignups(pinned) => null,
            // The links hold the sharer's own token.
            CourseCommand.Calendar => null,
            CourseCommand.Reading { Week: WeekQuery.Numbered week } => $"/coursebot reading week {week.Number}",
            CourseCommand.Required { Week: WeekQuery.Numbered week } => $"/coursebot required week {week.Number}",
            _ => line,
        };
        return shared is { Length: <= SlackLimits.ButtonValue } ? shared : null;
    }

    /// <summary>A reply as response bodies; with a <paramref name="shareLine"/>, a private reply ends with a button to share it.</summary>
    public static IReadOnlyList<SlackResponse> Bodies(Reply reply, bool isPrivate, string? shareLine)
    {
        var share = isPrivate && shareLine is not null && !reply.IsError;
        var messages = SlackReplyRenderer.Render(reply, reserveBlocks: share ? 1 : 0, reserveText: share ? ShareText.Length + shareLine!.Length : 0);
        var responseType = isPrivate || reply.IsError ? SlackResponse.Ephemeral : SlackResponse.InChannel;
        return [.. messages.Select((m, i) => new SlackResponse(
            responseType,
            m.Text,
            share && i == messages.Count - 1 ? [.. m.Blocks, ShareButton(shareLine!)] : m.Blocks))];
    }

    private static ActionsBlock ShareButton(string shareLine) =>
        new([new ButtonElement(ShareAction, new PlainText(ShareText), shareLine)]);

    private async Task FollowUpAsync(SlashCommand slash, Task<Reply> answer, bool isPrivate, string? shareLine)
    {
        var messages = Bodies(await answer, isPrivate, shareLine);
        await FollowUpAsync(slash, [messages[0] with { ReplaceOriginal = true }, .. messages.Skip(1)], background.Abandoned);
    }

    private async Task FollowUpAsync(SlashCommand slash, IEnumerable<SlackResponse> messages, CancellationToken cancellationToken)
    {
        if (slash.ResponseUrl is not { } url)
        {
            LogNoResponseUrl(slash.Command);
            return;
        }

        foreach (var message in messages)
        {
            await api.RespondAsync(url, message, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack {Command}: answering through response_url (took longer than the acknowledgement allows)")]
    private partial void LogDeferred(string command);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Slack button or menu choice with a value CourseBot cannot read was clicked: {Value}")]
    private partial void LogUnreadableAction(string value);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Command} came without a response_url; the rest of the answer cannot follow")]
    private partial void LogNoResponseUrl(string command);
}
