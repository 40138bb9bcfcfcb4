using System.Net;
using CourseBot.Bot.Tests.Discord.Fakes;
using CourseBot.Bot.Tests.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Discord;

/// <summary>
/// Replays of validly signed interactions (HTTP mode): a captured request sent again later, or sent
/// again at once, is refused; the bot's clock is a fake the test moves.
/// </summary>
public sealed class InteractionReplayTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 9, 10, 15, 0, 0, TimeSpan.Zero));
    private FakeDiscordApi _api = null!;
    private DiscordBotHost _bot = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeDiscordApi.StartAsync();
        _bot = await DiscordBotHost.StartAsync(_api, _data.Path, replace: services => services.AddSingleton<TimeProvider>(_clock));
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _api.DisposeAsync();
        _data.Dispose();
    }

    private long Now => _clock.GetUtcNow().ToUnixTimeSeconds();

    [Theory]
    [InlineData(-3 * 3600)]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(long.MaxValue)]
    public async Task A_signed_interaction_whose_timestamp_is_more_than_five_minutes_away_is_refused_with_401(long offsetSeconds)
    {
        var signedAt = offsetSeconds == long.MaxValue ? 99999999999999 : Now + offsetSeconds;

        using var response = await _bot.SendAsync(InteractionJson.Command("reading", ("week", "3")), signedAt: signedAt);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_window_is_counted_on_the_bots_clock_in_both_directions()
    {
        var signedAt = Now;
        using var recent = await _bot.SendAsync(InteractionJson.Ping(), signedAt: signedAt - 240);
        using var early = await _bot.SendAsync(InteractionJson.Ping(), signedAt: signedAt + 240);

        _clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        using var late = await _bot.SendAsync(InteractionJson.Ping(), signedAt: signedAt);

        Assert.Equal(HttpStatusCode.OK, recent.StatusCode);
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, late.StatusCode);
    }

    [Fact]
    public async Task The_same_interaction_sent_again_is_answered_only_the_first_time()
    {
        var json = InteractionJson.Command("reading", ("week", "3"));

        using var first = await _bot.SendAsync(json, signedAt: Now);
        using var again = await _bot.SendAsync(json, signedAt: Now);
        using var resigned = await _bot.SendAsync(json, signedAt: Now - 60);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotEmpty(await first.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Conflict, resigned.StatusCode);
    }
}
