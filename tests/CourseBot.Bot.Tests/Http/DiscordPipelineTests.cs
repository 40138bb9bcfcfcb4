using System.Collections.Concurrent;
using CourseBot.Bot.Discord;
using CourseBot.Bot.Discord.Rest;
using CourseBot.Bot.Tests.Discord.Fakes;
using CourseBot.Bot.Tests.Running;
using CourseBot.Bot.Tests.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CourseBot.Bot.Tests.Http;

/// <summary>Discord's named pipelines on virtual time, against the loopback fake: 429s, the half-open circuit, callbacks.</summary>
public sealed class DiscordPipelineTests : IAsyncLifetime
{
    private const string Channel = "1200000000000000001";
    private const string Messages = "/channels/{channel_id}/messages";
    private const string Callback = "/interactions/{interaction_id}/{interaction_token}/callback";
    private readonly WatchedClock _clock = new();
    private readonly ConcurrentQueue<DateTimeOffset> _arrivals = new();
    private FakeDiscordApi _api = null!;
    private DiscordRestClient _client = null!;
    private DiscordCircuit _circuit = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeDiscordApi.StartAsync();
        var services = RestClients.Discord(_api.ApiBaseUrl, _clock);
        _client = services.GetRequiredService<DiscordRestClient>();
        _circuit = services.GetRequiredService<DiscordCircuit>();
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_429_is_waited_out_for_retry_after_on_the_bots_clock_before_the_second_request()
    {
        var retryAfter = TimeSpan.FromSeconds(3);
        _api.Intercept = (request, http) =>
        {
            _arrivals.Enqueue(_clock.GetUtcNow());
            return request.Method == "POST" && _arrivals.Count == 1 ? _api.TooManyRequests(http, retryAfter.TotalSeconds, global: false) : null;
        };

        var posting = _client.CreateMessageAsync(Channel, Message("after a 429"), CancellationToken.None);
        await _clock.WaitStartedAsync(retryAfter);
        _clock.Advance(retryAfter - TimeSpan.FromMilliseconds(1));
        Assert.False(posting.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await posting.WaitAsync(TimeSpan.FromSeconds(30));

        var arrivals = _arrivals.ToArray();
        Assert.Equal(2, arrivals.Length);
        Assert.Equal(retryAfter, arrivals[1] - arrivals[0]);
        Assert.Single(_api.Channels[Channel]);
    }

    [Fact]
    public async Task After_the_break_the_half_open_circuit_lets_exactly_one_probe_through_and_closes_when_it_succeeds()
    {
        await OpenTheCircuitAsync();
        var probeAnswer = new TaskCompletionSource();
        _api.Intercept = (_, _) => new HeldResult(probeAnswer.Task, Results.Json(Array.Empty<object>()));
        _clock.Advance(DiscordCircuit.OpenFor);

        var probe = _client.RecentMessagesAsync(Channel, 10, CancellationToken.None);
        await Eventually.WaitForAsync(() => _api.Requests.Count == DiscordCircuit.FailureThreshold + 1 ? "" : null, "the probe");
        var whileProbing = await Assert.ThrowsAsync<DiscordUnavailableException>(() => _client.RecentMessagesAsync(Channel, 10, CancellationToken.None));
        Assert.Equal(DiscordCircuit.FailureThreshold + 1, _api.Requests.Count);
        Assert.StartsWith("not calling", whileProbing.Message);

        probeAnswer.SetResult();
        Assert.Empty(await probe.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.False(_circuit.IsOpen);
        Assert.Null(_circuit.LastFailure);
        _api.Intercept = null;
        await _client.RecentMessagesAsync(Channel, 10, CancellationToken.None);
        Assert.Equal(DiscordCircuit.FailureThreshold + 2, _api.Requests.Count);
    }

    [Fact]
    public async Task A_failed_probe_opens_the_circuit_again_for_another_break()
    {
        await OpenTheCircuitAsync();
        _clock.Advance(DiscordCircuit.OpenFor);

        await Assert.ThrowsAsync<DiscordApiException>(() => _client.RecentMessagesAsync(Channel, 10, CancellationToken.None));
        Assert.True(_circuit.IsOpen);
        await Assert.ThrowsAsync<DiscordUnavailableException>(() => _client.RecentMessagesAsync(Channel, 10, CancellationToken.None));
        Assert.Equal(DiscordCircuit.FailureThreshold + 1, _api.Requests.Count);

        _clock.Advance(DiscordCircuit.OpenFor);
        _api.Intercept = null;
        await _client.RecentMessagesAsync(Channel, 10, CancellationToken.None);
        Assert.Equal(DiscordCircuit.FailureThreshold + 2, _api.Requests.Count);
        Assert.False(_circuit.IsOpen);
    }

    [Fact]
    public async Task An_interaction_callback_gets_one_attempt_even_when_discord_rate_limits_it()
    {
        _api.Intercept = (request, http) => request.Template == Callback ? _api.TooManyRequests(http, 0.5, global: false) : null;

        var failure = await Assert.ThrowsAsync<DiscordUnavailableException>(() =>
            _client.RespondAsync("1400000000000000103", "tok-429", Pong, DiscordRestClient.InteractionDeadline, CancellationToken.None));

        Assert.Single(_api.To(Callback));
        Assert.Contains("not retried", failure.Message);
    }

    [Fact]
    public async Task An_interaction_callback_is_not_retried_after_its_budget_ran_out_and_channel_posts_do_not_open_the_circuit_for_it()
    {
        // A callback that Discord holds past the budget: it times out on the bot's clock, once.
        var held = new TaskCompletionSource();
        _api.Intercept = (request, _) => request.Template == Callback ? new HeldResult(held.Task, Results.NoContent()) : null;
        var budget = TimeSpan.FromMilliseconds(2500);

        var responding = _client.RespondAsync("1400000000000000104", "tok-slow", Pong, budget, CancellationToken.None);
        await Eventually.WaitForAsync(() => _api.To(Callback).FirstOrDefault(), "the callback");
        await _clock.WaitStartedAsync(budget);
        _clock.Advance(budget);
        var failure = await Assert.ThrowsAsync<DiscordUnavailableException>(() => responding.WaitAsync(TimeSpan.FromSeconds(30)));
        held.SetResult();

        Assert.True(failure.OutcomeUnknown);
        Assert.Single(_api.To(Callback));
        Assert.Null(_circuit.LastFailure);
    }

    [Fact]
    public async Task A_retried_server_error_is_logged_once_in_one_line_without_polly_s_event_log()
    {
        var log = new CapturedLog();
        var client = RestClients.Discord(_api.ApiBaseUrl, _clock, log).GetRequiredService<DiscordRestClient>();
        var failures = 0;
        _api.Intercept = (_, _) => Interlocked.Increment(ref failures) == 1 ? Results.StatusCode(502) : null;

        var posting = client.CreateMessageAsync(Channel, Message("after a 502"), CancellationToken.None);
        await _clock.WaitStartedAsync(RestClients.RetryBackoff);
        _clock.Advance(RestClients.RetryBackoff);
        await posting.WaitAsync(TimeSpan.FromSeconds(30));

        var warnings = log.Entries.Where(e => e.Level >= LogLevel.Warning).Select(e => e.Message).ToArray();
        Assert.Equal("POST /channels/{channel_id}/messages failed (502 BadGateway); retry 1 in 0.02 s", Assert.Single(warnings));
        Assert.DoesNotContain(log.Entries, e => e.Message.Contains("Resilience event", StringComparison.Ordinal));
        Assert.Single(_api.Channels[Channel]);
    }

    /// <summary>Five refusals of the token (401): a failure the circuit counts, and one that is not retried.</summary>
    private async Task OpenTheCircuitAsync()
    {
        _api.Intercept = (_, _) => FakeDiscordApi.Error(401, 0, "401: Unauthorized");
        for (var i = 0; i < DiscordCircuit.FailureThreshold; i++)
        {
            await Assert.ThrowsAsync<DiscordApiException>(() => _client.RecentMessagesAsync(Channel, 10, CancellationToken.None));
        }

        Assert.True(_circuit.IsOpen);
        var fast = await Assert.ThrowsAsync<DiscordUnavailableException>(() => _client.RecentMessagesAsync(Channel, 10, CancellationToken.None));
        Assert.Contains("401", fast.Message);
        Assert.Equal(DiscordCircuit.FailureThreshold, _api.Requests.Count);
    }

    private static readonly byte[] Pong = System.Text.Encoding.UTF8.GetBytes("{\"type\":1}");

    private static MessageBody Message(string text) =>
        new(null, [new EmbedBody(text, "body", null)], AllowedMentionsBody.None);

    /// <summary>An answer the fake holds back until the test lets it go.</summary>
    private sealed class HeldResult(Task release, IResult then) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            await release;
            await then.ExecuteAsync(httpContext);
        }
    }
}
