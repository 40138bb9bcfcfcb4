using System.Text.Json;
using CourseBot.Bot.Conversation;
using CourseBot.Bot.Discord.Interactions;
using CourseBot.Bot.Tests.Discord.Fakes;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Core.Replies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Discord;

/// <summary>
/// HTTP mode: a deferred answer outlives its request. It shows in <c>/readyz</c> while it runs, and when the
/// bot is stopped (SIGTERM) meanwhile, the stop waits for it: the edit still reaches Discord.
/// </summary>
public sealed class InteractionShutdownTests : IAsyncLifetime
{
    private const string EditOriginal = "/webhooks/{webhook_id}/{webhook_token}/messages/@original";
    private readonly TempDirectory _data = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 9, 10, 15, 0, 0, TimeSpan.Zero));
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private FakeDiscordApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeDiscordApi.StartAsync();

    public async Task DisposeAsync()
    {
        _release.TrySetResult();
        await _api.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task A_deferred_answer_in_flight_shows_in_readyz_and_is_still_sent_when_the_bot_stops()
    {
        var bot = await DiscordBotHost.StartAsync(_api, _data.Path, replace: services =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            services.AddSingleton<CourseConversation>();
            services.AddSingleton<ICourseConversation>(sp => new ScriptedConversation(sp.GetRequiredService<CourseConversation>(), async ct =>
            {
                // The search spends the whole budget (on the bot's fake clock), so the answer is deferred at once.
                _clock.Advance(TimelyAnswer.Budget);
                await _release.Task.WaitAsync(ct);
                return new Reply("Slow answer", [new ReplyBlock.Paragraph(new Span.Text("worth the wait"))], TimeZoneInfo.Utc);
            }));
        });
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stoppingSignal = bot.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(stopping.SetResult);

        using (var response = await bot.SendAsync(InteractionJson.Command("search", ("words", "anything")), signedAt: _clock.GetUtcNow().ToUnixTimeSeconds()))
        {
            using var initial = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(CallbackType.DeferredMessage, initial.RootElement.GetProperty("type").GetInt32());
        }

        // Read whatever the status (the bot may still be registering its commands, a 503): only this part matters here.
        using (var readyz = await bot.Http.GetAsync("/readyz"))
        using (var ready = JsonDocument.Parse(await readyz.Content.ReadAsStringAsync()))
        {
            Assert.Equal(1, ready.RootElement.GetProperty("backgroundWork").GetProperty("inFlight").GetInt32());
        }

        // SIGTERM: the host stops (ApplicationStopping fires) while the answer is still being worked on.
        var stopped = bot.DisposeAsync().AsTask();
        await stopping.Task.WaitAsync(TimeSpan.FromSeconds(15));
        _release.SetResult();
        await stopped.WaitAsync(TimeSpan.FromSeconds(30));

        // The stop returned only after the edit was sent: no waiting needed here.
        var edit = Assert.Single(_api.To(EditOriginal));
        Assert.Contains("worth the wait", edit.Body!.Value.GetRawText());
        Assert.True(_api.Violations.IsEmpty, string.Join("\n", _api.Violations));
    }
}
