using System.Text;
using CourseBot.Bot.Conversation;
using CourseBot.Bot.Discord.Interactions;
using CourseBot.Bot.Tests.Discord.Fakes;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Bot.Tests.Testing;
using CourseBot.Core.Replies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Discord;

/// <summary>
/// Gateway mode: interactions handed over by the receive loop are answered through the callback endpoint.
/// The bot's clock is fake: the 2 s answer budget is spent only when a test moves it, however slow the machine.
/// </summary>
public sealed class GatewayInteractionTests : IAsyncLifetime
{
    private const string Callback = "/interactions/{interaction_id}/{interaction_token}/callback";
    private readonly TempDirectory _data = new();
    private readonly TaskCompletionSource _release = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 9, 10, 15, 0, 0, TimeSpan.Zero));
    private int _searching;
    private FakeDiscordApi _api = null!;
    private DiscordBotHost _bot = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeDiscordApi.StartAsync();
        _bot = await DiscordBotHost.StartAsync(_api, _data.Path, mode: "gateway", replace: services =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            services.AddSingleton<CourseConversation>();
            services.AddSingleton<ICourseConversation>(sp => new ScriptedConversation(sp.GetRequiredService<CourseConversation>(), async ct =>
            {
                Interlocked.Increment(ref _searching);
                await _release.Task.WaitAsync(ct);
                return new Reply("Slow", [], TimeZoneInfo.Utc);
            }));
        });
    }

    public async Task DisposeAsync()
    {
        _release.TrySetResult();
        await _bot.DisposeAsync();
        await _api.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task A_queued_interaction_is_answered_by_callback_while_a_slow_one_is_still_working()
    {
        var queue = _bot.Services.GetRequiredService<InteractionQueue>();
        var time = _bot.Services.GetRequiredService<TimeProvider>();

        queue.Enqueue(new ReceivedInteraction(Encoding.UTF8.GetBytes(InteractionJson.Command("search", ("words", "slow"))), time.GetTimestamp()));
        queue.Enqueue(new ReceivedInteraction(Encoding.UTF8.GetBytes(InteractionJson.Command("reading", ("week", "3"))), time.GetTimestamp()));

        var reading = await Eventually.WaitForAsync(() => _api.To(Callback).FirstOrDefault(c => c.Body!.Value.GetRawText().Contains("HybridFlow", StringComparison.Ordinal)));
        Assert.Equal(CallbackType.Message, reading.Body!.Value.GetProperty("type").GetInt32());
        Assert.True(_api.Violations.IsEmpty, string.Join("\n", _api.Violations));
        Assert.Single(_api.To(Callback));

        // The slow one is deferred once the budget is spent, then finished by an edit once it has its answer.
        await Eventually.WaitForAsync(() => Volatile.Read(ref _searching) == 1 ? "searching" : null, "the slow answer to start");
        _clock.Advance(TimelyAnswer.Budget);
        var deferred = await Eventually.WaitForAsync(() => _api.To(Callback).FirstOrDefault(c => c.Body!.Value.GetProperty("type").GetInt32() == CallbackType.DeferredMessage));
        _release.SetResult();
        await Eventually.WaitForAsync(() => _api.To("/webhooks/{webhook_id}/{webhook_token}/messages/@original").FirstOrDefault());
        Assert.Equal(2, _api.To(Callback).Count());
        Assert.True(deferred.At > reading.At);
    }

    [Fact]
    public async Task More_slow_answers_than_slots_do_not_keep_a_new_interaction_from_its_initial_response()
    {
        var queue = _bot.Services.GetRequiredService<InteractionQueue>();
        var time = _bot.Services.GetRequiredService<TimeProvider>();
        var slow = GatewayInteractionWorker.MaxConcurrent + 4;
        for (var i = 0; i < slow; i++)
        {
            queue.Enqueue(new ReceivedInteraction(Encoding.UTF8.GetBytes(InteractionJson.Command("search", ("words", "slow"))), time.GetTimestamp()));
        }

        // All slow ones deferred once the budget is spent (those waiting for a slot at once: theirs is spent
        // too); their answers are still held, so their late parts are in flight.
        await Eventually.WaitForAsync(() => Volatile.Read(ref _searching) == GatewayInteractionWorker.MaxConcurrent ? "searching" : null, "the slots to fill");
        _clock.Advance(TimelyAnswer.Budget);
        await Eventually.WaitForAsync(() => _api.To(Callback).Count() >= slow ? "all deferred" : null);
        queue.Enqueue(new ReceivedInteraction(Encoding.UTF8.GetBytes(InteractionJson.Command("reading", ("week", "3"))), time.GetTimestamp()));

        var reading = await Eventually.WaitForAsync(() => _api.To(Callback).FirstOrDefault(c => c.Body!.Value.GetRawText().Contains("HybridFlow", StringComparison.Ordinal)), "the new interaction's initial response");
        Assert.Equal(CallbackType.Message, reading.Body!.Value.GetProperty("type").GetInt32());
        Assert.All(_api.To(Callback).Where(c => c != reading), c => Assert.Equal(CallbackType.DeferredMessage, c.Body!.Value.GetProperty("type").GetInt32()));
        Assert.Empty(_api.To("/webhooks/{webhook_id}/{webhook_token}/messages/@original"));

        _release.SetResult();
        await Eventually.WaitForAsync(() => _api.To("/webhooks/{webhook_id}/{webhook_token}/messages/@original").Count() >= slow ? "all edited" : null);
    }
}
