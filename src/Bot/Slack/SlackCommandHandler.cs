using System.Text.Json.Nodes;
using CourseBot.Bot.Conversation;
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
    IHostApplicationLifetime lifetime,
    ILogger<SlackCommandHandler> logger)
{
    public const string Platform = "slack";
    public const string ShareAction = "coursebot_share";

    private const string ShareText = "Share in channel";

    public async Task<SlackAck> HandleAsync(SlashCommand slash, long receivedAt, CancellationToken cancellationToken)
    {
        var context = Context(slash.UserId, slash.ChannelId, slash.TeamId);
        var command = CommandParser.Parse(slash.Line);
        var isPrivate = command is CourseCommand.Announce or CourseCommand.Reload || conversation.RepliesArePrivate(context);

        // Pinned before answering, so the shared copy shows the week the student saw, whenever it is shared.
        var share = isPrivate ? ShareLine(conversation.Pin(context, command), slash.Line) : null;
        var answer = await conversation.StartAsync(new AnswerRequest(context, command, receivedAt, lifetime.ApplicationStopping), time, logger, cancellationToken);
        if (answer.IsReady)
        {
            var messages = Bodies(await answer.Reply, isPrivate, share);
            if (messages.Count > 1)
            {
                Track(FollowUpAsync(slash, messages.Skip(1), lifetime.ApplicationStopping));
            }

            return new SlackAck(messages[0]);
        }

        LogDeferred(slash.Command);
        Track(FollowUpAsync(slash, answer.Reply, isPrivate, share));
        return new SlackAck(new JsonObject { ["response_type"] = "ephemeral", ["text"] = $"Working on {slash.Command}…" });
    }

    /// <summary>"Share in channel": answer the same command again, publicly, and remove the private copy.</summary>
    public async Task ShareAsync(string userId, string? channelId, string? teamId, string line, Uri responseUrl, CancellationToken cancellationToken)
    {
        var context = Context(userId, channelId, teamId);
        var reply = await conversation.SafelyAsync(context, CommandParser.Parse(line), logger, cancellationToken);
        foreach (var body in Bodies(reply, isPrivate: false, shareLine: null))
        {
            body["replace_original"] = false;
            await api.RespondAsync(responseUrl, body, cancellationToken);
        }

        await api.RespondAsync(responseUrl, new JsonObject { ["delete_original"] = true }, cancellationToken);
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
            CourseCommand.Reading { Week: WeekQuery.Numbered week } => $"/coursebot reading week {week.Number}",
            CourseCommand.Required { Week: WeekQuery.Numbered week } => $"/coursebot required week {week.Number}",
            _ => line,
        };
        return shared is { Length: <= SlackLimits.ButtonValue } ? shared : null;
    }

    /// <summary>A reply as response bodies; with a <paramref name="shareLine"/>, a private reply ends with a button to share it.</summary>
    public static IReadOnlyList<JsonObject> Bodies(Reply reply, bool isPrivate, string? shareLine)
    {
        var share = isPrivate && shareLine is not null && !reply.IsError;
        var messages = SlackReplyRenderer.Render(reply, reserveBlocks: share ? 1 : 0, reserveText: share ? ShareText.Length + shareLine!.Length : 0);
        var bodies = messages.Select(m => new JsonObject
        {
            ["response_type"] = isPrivate || reply.IsError ? "ephemeral" : "in_channel",
            ["text"] = m.Text,
            ["blocks"] = m.Blocks.DeepClone(),
        }).ToList();
        if (share)
        {
            ((JsonArray)bodies[^1]["blocks"]!).Add(new JsonObject
            {
                ["type"] = "actions",
                ["elements"] = new JsonArray(new JsonObject
                {
                    ["type"] = "button",
                    ["action_id"] = ShareAction,
                    ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = ShareText },
                    ["value"] = shareLine,
                }),
            });
        }

        return bodies;
    }

    private async Task FollowUpAsync(SlashCommand slash, Task<Reply> answer, bool isPrivate, string? shareLine)
    {
        var messages = Bodies(await answer, isPrivate, shareLine);
        messages[0]["replace_original"] = true;
        await FollowUpAsync(slash, messages, lifetime.ApplicationStopping);
    }

    private async Task FollowUpAsync(SlashCommand slash, IEnumerable<JsonObject> messages, CancellationToken cancellationToken)
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

    /// <summary>A follow-up runs after the acknowledgement; its failure is logged, not lost.</summary>
    private void Track(Task followUp) =>
        _ = followUp.ContinueWith(
            t =>
            {
                if (t.Exception is { } e)
                {
                    LogFollowUpFailed(e.GetBaseException());
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack {Command}: answering through response_url (took longer than the acknowledgement allows)")]
    private partial void LogDeferred(string command);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending a Slack answer through response_url failed")]
    private partial void LogFollowUpFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Command} came without a response_url; the rest of the answer cannot follow")]
    private partial void LogNoResponseUrl(string command);
}
