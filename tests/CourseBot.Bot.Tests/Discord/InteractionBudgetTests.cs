using System.Text;
using System.Text.Json;
using CourseBot.Bot.Conversation;
using CourseBot.Bot.Discord;
using CourseBot.Bot.Discord.Interactions;
using CourseBot.Bot.Discord.Rest;
using CourseBot.Bot.Tests.Conversation;
using CourseBot.Bot.Tests.Discord.Fakes;
using CourseBot.Bot.Tests.Http;
using CourseBot.Bot.Tests.Testing;
using CourseBot.Core.Commands;
using CourseBot.Core.Replies;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Discord;

/// <summary>
/// The deadline counts from receipt on the monotonic clock (a fake one here), not from the interaction's
/// snowflake or the wall clock: nothing is sent before the budget runs out, the deferral exactly then.
/// </summary>
public sealed class InteractionBudgetTests : IAsyncLifetime
{
    private FakeDiscordApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeDiscordApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task The_deferral_goes_out_when_the_budget_since_receipt_is_spent_and_not_before()
    {
        var clock = new TimerSignals(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var answer = new TaskCompletionSource<Reply>();
        var handler = Handler(new HeldConversation(answer.Task), clock);
        var received = new ReceivedInteraction(Encoding.UTF8.GetBytes(InteractionJson.Command("search", ("words", "x"))), clock.GetTimestamp());
        var initial = new RecordingInitialResponse(_api, DiscordInteraction.Parse(received.Json).Token);

        // Half a second passed in the queue before a worker picked it up: it counts against the budget.
        clock.Advance(TimeSpan.FromMilliseconds(500));
        var handling = handler.HandleAsync(received, DiscordInteraction.Parse(received.Json), initial, CancellationToken.None);
        // The handler now waits on the clock for what is left of the budget: only the clock can make it send.
        await clock.WaitForTimerAsync(TimelyAnswer.Budget - TimeSpan.FromMilliseconds(500));
        clock.Advance(TimelyAnswer.Budget - TimeSpan.FromMilliseconds(600));
        Assert.Empty(initial.Sent);

        clock.Advance(TimeSpan.FromMilliseconds(100));
        await Eventually.WaitUntilAsync(() => initial.Sent.Count == 1, "the deferral");
        Assert.Equal(CallbackType.DeferredMessage, initial.Sent[0]);

        answer.SetResult(new Reply("Late", [new ReplyBlock.Paragraph(new Span.Text("here now"))], TimeZoneInfo.Utc));
        await handling;
        Assert.Single(initial.Sent);
        Assert.Single(_api.To("/webhooks/{webhook_id}/{webhook_token}/messages/@original"));
    }

    [Fact]
    public async Task An_answer_ready_in_time_is_the_initial_response_itself()
    {
        var clock = new FakeTimeProvider();
        var handler = Handler(new HeldConversation(Task.FromResult(new Reply("Quick", [], TimeZoneInfo.Utc))), clock);
        var received = new ReceivedInteraction(Encoding.UTF8.GetBytes(InteractionJson.Command("search", ("words", "x"))), clock.GetTimestamp());
        var initial = new RecordingInitialResponse(_api, DiscordInteraction.Parse(received.Json).Token);

        await handler.HandleAsync(received, DiscordInteraction.Parse(received.Json), initial, CancellationToken.None);

        var response = Assert.Single(initial.Sent);
        Assert.Equal(CallbackType.Message, response);
        Assert.Empty(_api.Requests);
    }

    private DiscordInteractionHandler Handler(ICourseConversation conversation, TimeProvider clock) => new(
        conversation,
        RestClients.DiscordClient(_api.ApiBaseUrl, TimeProvider.System),
        new AnswerCache(),
        clock,
        NullLogger<DiscordInteractionHandler>.Instance);

    /// <summary>Records what was sent and, like Discord receiving it, tells the fake API.</summary>
    private sealed class RecordingInitialResponse(FakeDiscordApi api, string token) : IInitialResponse
    {
        public Task Delivered => Task.CompletedTask;

        /// <summary>The callback type of each initial response sent.</summary>
        public List<int> Sent { get; } = [];

        public Task SendAsync(ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
        {
            using var response = JsonDocument.Parse(json);
            api.Acknowledged(token);
            lock (Sent)
            {
                Sent.Add(response.RootElement.GetProperty("type").GetInt32());
            }

            return Task.CompletedTask;
        }
    }
}
