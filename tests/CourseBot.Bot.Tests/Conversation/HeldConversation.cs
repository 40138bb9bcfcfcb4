using CourseBot.Bot.Conversation;
using CourseBot.Core;
using CourseBot.Core.Commands;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Tests.Conversation;

/// <summary>A conversation whose every answer is the given task, so a test decides when (and whether) it is ready.</summary>
public sealed class HeldConversation(Task<Reply> answer) : ICourseConversation
{
    public bool MayTakeLong(CourseCommand command) => false;

    public Task<Reply> AnswerAsync(CommandContext context, CourseCommand command, CancellationToken cancellationToken) => answer;

    public IReadOnlyList<Choice> CompleteWeek(CommandContext context, string typed) => [];

    public IReadOnlyList<Choice> CompletePaper(CommandContext context, string typed) => [];

    public CourseSnapshot? ReusableAnswerVersion(CommandContext context, CourseCommand command) => null;

    public bool RepliesArePrivate(CommandContext context) => true;
}
