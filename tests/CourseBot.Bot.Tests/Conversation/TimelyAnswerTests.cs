using CourseBot.Bot.Conversation;
using CourseBot.Bot.Tests.Testing;
using CourseBot.Core.Commands;
using CourseBot.Core.Replies;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Conversation;

/// <summary>Answering within the budget, on a fake clock: ready, deferred, or an apology.</summary>
public sealed class TimelyAnswerTests
{
    private static readonly CommandContext Student = new("discord", "guild", "channel", "student", IsAdmin: false);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private static Reply Answer(string text) => new("Answer", [new ReplyBlock.Paragraph(new Span.Text(text))], TimeZoneInfo.Utc);

    [Fact]
    public async Task An_answer_ready_at_once_is_ready()
    {
        var conversation = new HeldConversation(Task.FromResult(Answer("week 3")));

        var started = await conversation.StartAsync(
            new AnswerRequest(Student, new CourseCommand.Reading(null), _clock.GetTimestamp(), CancellationToken.None),
            _clock, NullLogger.Instance, CancellationToken.None);

        Assert.True(started.IsReady);
        Assert.Equal("Answer", (await started.Reply).Title);
    }

    [Fact]
    public async Task An_answer_held_past_the_budget_since_receipt_is_not_ready_and_arrives_later()
    {
        var held = new TaskCompletionSource<Reply>();
        var conversation = new HeldConversation(held.Task);
        var receivedAt = _clock.GetTimestamp();
        _clock.Advance(TimeSpan.FromMilliseconds(500));

        var starting = conversation.StartAsync(
            new AnswerRequest(Student, new CourseCommand.Search("x"), receivedAt, CancellationToken.None),
            _clock, NullLogger.Instance, CancellationToken.None);
        Assert.False(starting.IsCompleted);
        _clock.Advance(TimelyAnswer.Budget - TimeSpan.FromMilliseconds(500));
        var started = await starting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(started.IsReady);
        held.SetResult(Answer("late"));
        Assert.Equal("Answer", (await started.Reply.WaitAsync(TimeSpan.FromSeconds(10))).Title);
    }

    [Fact]
    public async Task A_sign_up_held_synchronously_by_a_locked_store_is_still_acknowledged_on_budget()
    {
        var clock = new TimerSignals(_clock.GetUtcNow());
        using var conversation = new BlockingConversation();

        // Started on another thread so that, were the answer run on the caller's thread, the test sees no timer instead of hanging.
        var starting = Task.Run(() => conversation.StartAsync(
            new AnswerRequest(Student, new CourseCommand.Lead("hybridflow", Drop: false), clock.GetTimestamp(), CancellationToken.None),
            clock, NullLogger.Instance, CancellationToken.None));
        await clock.WaitForTimerAsync(TimelyAnswer.Budget);
        clock.Advance(TimelyAnswer.Budget);
        var started = await starting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(started.IsReady);
        conversation.Release();
        Assert.Equal("Signed up", (await started.Reply.WaitAsync(TimeSpan.FromSeconds(10))).Title);
    }

    [Fact]
    public async Task A_failing_answer_becomes_an_apology_not_an_exception()
    {
        var conversation = new HeldConversation(Task.FromException<Reply>(new InvalidOperationException("secret detail")));

        var started = await conversation.StartAsync(
            new AnswerRequest(Student, new CourseCommand.Search("x"), _clock.GetTimestamp(), CancellationToken.None),
            _clock, NullLogger.Instance, CancellationToken.None);

        Assert.True(started.IsReady);
        var reply = await started.Reply;
        Assert.True(reply.IsError);
        Assert.Equal("Something went wrong", reply.Title);
        Assert.DoesNotContain("secret detail", string.Join(" ", reply.Blocks));
    }
}
