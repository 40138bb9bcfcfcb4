using CourseBot.Core;
using CourseBot.Core.Commands;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Conversation;

/// <summary>
/// What every platform adapter talks to: one call per command, one per autocomplete. Student commands
/// are answered from memory (microseconds); admin commands (announce, reload) may do I/O, so adapters
/// acknowledge first when they cannot wait.
/// </summary>
public interface ICourseConversation
{
    /// <summary>True when answering this command may take longer than a platform's reply deadline.</summary>
    bool MayTakeLong(CourseCommand command);

    Task<Reply> AnswerAsync(CommandContext context, CourseCommand command, CancellationToken cancellationToken);

    /// <summary>Weeks for an autocomplete box: "Week 3 · LLM Post-Training for Alignment" → "3".</summary>
    IReadOnlyList<Choice> CompleteWeek(CommandContext context, string typed);

    /// <summary>Papers for an autocomplete box: title → key.</summary>
    IReadOnlyList<Choice> CompletePaper(CommandContext context, string typed);

    /// <summary>Papers to lead for "/lead"'s autocomplete: those with a free slot, "HybridFlow · Week 3 · Tue Sep 9" → key.</summary>
    Task<IReadOnlyList<Choice>> CompleteLeadPaperAsync(CommandContext context, string typed, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Choice>>([]);

    /// <summary>
    /// The course version the answer to <paramref name="command"/> depends on when it depends on nothing
    /// else (not the time, not who asks), so an adapter may reuse its rendering; null when it may not.
    /// A reload builds a new snapshot, so a cache keyed by it (weakly, as <c>AnswerCache</c>) starts afresh.
    /// </summary>
    CourseSnapshot? ReusableAnswerVersion(CommandContext context, CourseCommand command);

    /// <summary>
    /// The command with "this week" / "next week" / "last week" replaced by the numbered week it means
    /// now, so repeating it later (Slack's share button) shows the same week; unchanged otherwise.
    /// </summary>
    CourseCommand Pin(CommandContext context, CourseCommand command) => command;

    /// <summary>Whether replies to students are private (ephemeral) for the course of this context.</summary>
    bool RepliesArePrivate(CommandContext context);

    /// <summary>
    /// Whether a plain question (a mention, a direct message) is answered here: the course's
    /// <c>answerMentions</c>. Where no course is found (several are served), a <paramref name="direct"/>
    /// message is answered while some course answers questions (the answer says to ask in a course channel);
    /// a message in a channel of no course is not.
    /// </summary>
    bool AnswersQuestions(CommandContext context, bool direct) => true;
}
