using CourseBot.Bot.Conversation;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Slack;
using CourseBot.Bot.Tests.Conversation;
using CourseBot.Bot.Tests.Http;
using CourseBot.Bot.Tests.Testing;
using CourseBot.Core.Commands;
using CourseBot.Core.Replies;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CourseBot.Bot.Tests.Slack;

/// <summary>
/// The slash-command ack on a fake clock (the pattern of Discord's InteractionBudgetTests): it goes out
/// when the budget since receipt is spent, while the answer is still held, and the answer follows.
/// </summary>
public sealed class SlackAckBudgetTests : IAsyncLifetime
{
    private FakeSlack _slack = null!;

    public async Task InitializeAsync() => _slack = await FakeSlack.StartAsync();

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    [Fact]
    public async Task The_ack_goes_out_when_the_budget_since_receipt_is_spent_while_the_answer_is_still_held()
    {
        var clock = new TimerSignals(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var answer = new TaskCompletionSource<Reply>();
        var api = RestClients.Slack(_slack.ApiBaseUrl, TimeProvider.System);
        using var background = new BackgroundWork(NullLogger<BackgroundWork>.Instance);
        var handler = new SlackCommandHandler(new HeldConversation(answer.Task), api, Options.Create(new SlackOptions()), clock, background, NullLogger<SlackCommandHandler>.Instance);
        var slash = new SlashCommand("/coursebot", "search x", "USTUDENT01", "C0COURSE", "T0FAKE", _slack.ResponseUrl("budget"));
        var receivedAt = clock.GetTimestamp();

        // Half a second passed before the handler ran: it counts against the budget.
        clock.Advance(TimeSpan.FromMilliseconds(500));
        var handling = handler.HandleAsync(slash, receivedAt, CancellationToken.None);
        // The handler now waits on the clock for what is left of the budget: only the clock can make it answer.
        await clock.WaitForTimerAsync(TimelyAnswer.Budget - TimeSpan.FromMilliseconds(500));
        clock.Advance(TimelyAnswer.Budget - TimeSpan.FromMilliseconds(600));
        Assert.False(handling.IsCompleted);

        clock.Advance(TimeSpan.FromMilliseconds(100));
        var ack = await handling.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(answer.Task.IsCompleted);
        Assert.Contains("Working on /coursebot", ack.Body!.Json().ToJsonString());
        Assert.Empty(_slack.Responses);

        answer.SetResult(new Reply("Late", [new ReplyBlock.Paragraph(new Span.Text("here now"))], TimeZoneInfo.Utc));
        var followUp = await Eventually.WaitForAsync(() => _slack.Responses.FirstOrDefault(), "the answer through response_url");
        Assert.Contains("here now", followUp.ToJsonString());
        Assert.True(followUp["replace_original"]!.GetValue<bool>());
    }
}
