using System.Globalization;
using System.Text.Json;
using CourseBot.Bot.Conversation;
using CourseBot.Bot.Discord.Interactions;
using CourseBot.Bot.Discord.Rest;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Slack;
using CourseBot.Core.Commands;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Discord.Gateway;

/// <summary>
/// Answers questions asked in messages (gateway mode): a message that mentions the bot in a course's channel,
/// or any direct message. The question (mention taken out) goes through the same parser and conversation as
/// commands, and the answer is posted as a reply to the message that pings no one. Each message is answered
/// once, however often the gateway delivers it (replays after a resume); each user gets
/// <see cref="QuestionLimit.PerWindow"/> answers a minute, then one polite note. The course file's
/// <c>answerMentions: false</c> turns it off for that course. Posting is <see cref="BackgroundWork"/>.
/// </summary>
public sealed partial class MentionHandler(
    MessageQueue queue,
    ICourseConversation conversation,
    DiscordRestClient rest,
    QuestionLimit limit,
    BackgroundWork background,
    ILogger<MentionHandler> logger) : BackgroundService
{
    /// <summary>The one note a user gets when over the limit, instead of an answer.</summary>
    private static readonly Reply SlowDown = new(
        "One moment, please",
        [new ReplyBlock.Paragraph(new Span.Text(string.Create(CultureInfo.InvariantCulture, $"CourseBot answers up to {QuestionLimit.PerWindow} questions a minute from each person, so the channel stays readable. Ask again in a minute.")))],
        TimeZoneInfo.Utc);

    private readonly RecentIds _seen = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var received in queue.ReadAllAsync(stoppingToken))
        {
            GatewayMessage message;
            try
            {
                message = GatewayMessage.Parse(received.Json);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                LogUnreadable(e.Message);
                continue;
            }

            if (message.QuestionFor(received.BotUserId) is not { } question)
            {
                continue;
            }

            var context = new CommandContext(DiscordInteractionHandler.Platform, message.ChannelId, message.GuildId, message.AuthorId, IsAdmin: false);
            if (!conversation.AnswersQuestions(context, message.IsDirect) || !_seen.FirstTime(message.Id))
            {
                continue;
            }

            switch (limit.Ask(message.AuthorId))
            {
                case QuestionVerdict.Answer:
                    background.Track(AnswerAsync(message, context, question, background.Abandoned), "Discord: answering a question");
                    break;
                case QuestionVerdict.SlowDown:
                    background.Track(ReplyAsync(message, SlowDown, background.Abandoned), "Discord: asking a user to slow down");
                    break;
                default:
                    LogQuiet(message.AuthorId);
                    break;
            }
        }
    }

    private async Task AnswerAsync(GatewayMessage message, CommandContext context, string question, CancellationToken cancellationToken)
    {
        var reply = await conversation.SafelyAsync(context, CommandParser.Parse(question), logger, cancellationToken);
        await ReplyAsync(message, reply, cancellationToken);
    }

    /// <summary>
    /// The reply rendered as Discord messages; the first answers the message (<c>message_reference</c>). Each
    /// carries a nonce made from the message id, enforced, so a retried post is not posted twice.
    /// </summary>
    private async Task ReplyAsync(GatewayMessage message, Reply reply, CancellationToken cancellationToken)
    {
        var parts = DiscordReplyRenderer.Render(reply);
        for (var i = 0; i < parts.Count; i++)
        {
            var body = parts[i] with
            {
                AllowedMentions = AllowedMentionsBody.NoneReplied,
                Nonce = string.Create(CultureInfo.InvariantCulture, $"q{message.Id}-{i}"),
                EnforceNonce = true,
                MessageReference = i == 0 ? new MessageReferenceBody(message.Id, message.ChannelId, FailIfNotExists: false) : null,
            };
            await rest.CreateMessageAsync(message.ChannelId, body, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A message from the gateway could not be read: {Problem}")]
    private partial void LogUnreadable(string problem);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Discord: user {User} is over the question limit; not answering")]
    private partial void LogQuiet(string user);
}
