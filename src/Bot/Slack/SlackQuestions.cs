using System.Text.Json;
using System.Text.RegularExpressions;
using CourseBot.Bot.Conversation;
using CourseBot.Bot.Hosting;
using CourseBot.Core.Commands;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Slack;

/// <summary>
/// Questions asked by mention or direct message: what the text asks goes through the same grammar and
/// conversation as a slash command, and the answer is posted with <c>chat.postMessage</c> (a mention's in its
/// thread). Bots (the bot itself included), edits, deletions and other message subtypes are not questions;
/// each message is answered once, and each user at most <see cref="QuestionLimit.PerWindow"/> times a minute.
/// </summary>
public sealed partial class SlackQuestions(
    ICourseConversation conversation,
    SlackCommandHandler commands,
    CourseCatalog catalog,
    SlackApiClient api,
    SlackIdentity identity,
    TimeProvider time,
    ILogger<SlackQuestions> logger)
{
    private readonly RecentIds _answered = new();
    private readonly QuestionLimit _limit = new(time);

    public async Task AnswerAsync(SlackChatMessage message, bool inThread, CancellationToken cancellationToken)
    {
        if (message.Subtype is not null || message.BotId is not null || message.User is not { } user)
        {
            return;
        }

        try
        {
            var botUser = await identity.BotUserAsync(cancellationToken);
            var context = commands.Context(user, message.Channel, message.Team);
            // A mention is answered in its thread; a direct message is not in a course channel.
            var direct = !inThread;
            if (user == botUser || !_answered.FirstTime($"{message.Channel}:{message.Ts}") || !conversation.AnswersQuestions(context, direct))
            {
                return;
            }

            var reply = _limit.Ask(user) switch
            {
                QuestionVerdict.Answer => await conversation.SafelyAsync(context, CommandParser.Parse(QuestionText(message.Text, botUser)), logger, cancellationToken),
                QuestionVerdict.SlowDown => SlowDown,
                _ => null,
            };
            if (reply is null)
            {
                return;
            }

            var thread = inThread ? message.ThreadTs ?? message.Ts : message.ThreadTs;
            foreach (var part in SlackReplyRenderer.Render(reply))
            {
                // The notification text is mrkdwn too: escaped, so nothing echoed from the question can ping a channel.
                await api.ReplyAsync(message.Channel, thread, part with { Text = SlackMrkdwn.Instance.Escape(part.Text) }, cancellationToken);
            }
        }
        catch (Exception e) when (e is SlackApiException or SlackUnavailableException)
        {
            LogAnswerFailed(message.Channel, e.Message);
        }
    }

    /// <summary>/readyz: whether mentions and direct messages are answered at all.</summary>
    public void WriteReport(Utf8JsonWriter json) =>
        json.WriteString("questions", catalog.Courses.Any(c => c.Course.AnswerMentions)
            ? "answered (app_mention, message.im)"
            : "off (answerMentions: false)");

    /// <summary>
    /// What the student typed, as they saw it: the bot's mention removed, Slack's markup (<c>&lt;#C1|general&gt;</c>,
    /// <c>&lt;https://…|label&gt;</c>) back to its label, and <c>&amp;amp;</c>, <c>&amp;lt;</c>, <c>&amp;gt;</c> unescaped.
    /// </summary>
    public static string QuestionText(string text, string botUser)
    {
        text = text.Replace($"<@{botUser}>", " ", StringComparison.Ordinal);
        text = LabelledMarkup().Replace(text, "$2");
        text = Markup().Replace(text, "$1");
        text = text.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);
        return Spaces().Replace(text, " ").Trim();
    }

    private static readonly Reply SlowDown = new(
        "One moment, please",
        [new ReplyBlock.Paragraph(new Span.Text($"You have asked {QuestionLimit.PerWindow} questions in the last minute. Please wait a minute, then ask again — or try the slash commands (/reading, /required, /paper)."))],
        TimeZoneInfo.Utc);

    [GeneratedRegex(@"<([^<>|]*)\|([^<>]*)>")]
    private static partial Regex LabelledMarkup();

    [GeneratedRegex(@"<([^<>]*)>")]
    private static partial Regex Markup();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack: answering a question in {Channel} failed: {Problem}")]
    private partial void LogAnswerFailed(string channel, string problem);
}
