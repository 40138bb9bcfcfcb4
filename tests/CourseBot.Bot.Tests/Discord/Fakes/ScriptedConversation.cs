using CourseBot.Bot.Conversation;
using CourseBot.Core;
using CourseBot.Core.Commands;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Tests.Discord.Fakes;

/// <summary>
/// The real conversation, except for <c>/search</c>, whose answer the test scripts: slow, failing, or a
/// very long reply.
/// </summary>
public sealed class ScriptedConversation(CourseConversation real, Func<CancellationToken, Task<Reply>> search) : ICourseConversation
{
    public bool MayTakeLong(CourseCommand command) => real.MayTakeLong(command);

    public Task<Reply> AnswerAsync(CommandContext context, CourseCommand command, CancellationToken cancellationToken) =>
        command is CourseCommand.Search ? search(cancellationToken) : real.AnswerAsync(context, command, cancellationToken);

    public IReadOnlyList<Choice> CompleteWeek(CommandContext context, string typed) => real.CompleteWeek(context, typed);

    public IReadOnlyList<Choice> CompletePaper(CommandContext context, string typed) => real.CompletePaper(context, typed);

    /// <summary>Scripted answers change from test to test: never reuse them.</summary>
    public CourseSnapshot? ReusableAnswerVersion(CommandContext context, CourseCommand command) =>
        command is CourseCommand.Search ? null : real.ReusableAnswerVersion(context, command);

    public bool RepliesArePrivate(CommandContext context) => real.RepliesArePrivate(context);
}
