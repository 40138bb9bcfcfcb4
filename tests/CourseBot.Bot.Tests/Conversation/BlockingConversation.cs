using CourseBot.Bot.Conversation;
using CourseBot.Core;
using CourseBot.Core.Commands;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Tests.Conversation;

/// <summary>
/// A conversation whose sign-up answers block the calling thread until <see cref="Release"/>, as
/// Microsoft.Data.Sqlite's "async" calls do while the database file is locked.
/// </summary>
public sealed class BlockingConversation : ICourseConversation, IDisposable
{
    private readonly ManualResetEventSlim _gate = new();

    public void Release() => _gate.Set();

    public bool MayTakeLong(CourseCommand command) => CommandDispatcher.UsesSignups(command);

    public Task<Reply> AnswerAsync(CommandContext context, CourseCommand command, CancellationToken cancellationToken)
    {
        _gate.Wait(cancellationToken);
        return Task.FromResult(new Reply("Signed up", [new ReplyBlock.Paragraph(new Span.Text("You lead HybridFlow."))], TimeZoneInfo.Utc));
    }

    public IReadOnlyList<Choice> CompleteWeek(CommandContext context, string typed) => [];

    public IReadOnlyList<Choice> CompletePaper(CommandContext context, string typed) => [];

    public CourseSnapshot? ReusableAnswerVersion(CommandContext context, CourseCommand command) => null;

    public bool RepliesArePrivate(CommandContext context) => true;

    public void Dispose() => _gate.Dispose();
}
