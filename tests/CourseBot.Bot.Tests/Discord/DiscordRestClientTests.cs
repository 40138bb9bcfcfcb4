using System.Net;
using CourseBot.Bot.Discord;
using CourseBot.Bot.Discord.Rest;
using CourseBot.Bot.Tests.Discord.Fakes;
using CourseBot.Bot.Tests.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Discord;

/// <summary>The REST client against the loopback fake: headers, rate limits, retries, refusals, the circuit.</summary>
public sealed class DiscordRestClientTests : IAsyncLifetime
{
    private const string Channel = "1200000000000000001";
    private FakeDiscordApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeDiscordApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Requests_carry_the_bot_token_a_discord_user_agent_and_valid_bodies()
    {
        var client = Client();

        var posted = await client.CreateMessageAsync(Channel, Message("hello"), CancellationToken.None);

        var request = Assert.Single(_api.To("/channels/{channel_id}/messages"));
        Assert.Equal("Bot " + FakeDiscordApi.Token, request.Authorization);
        Assert.StartsWith("DiscordBot (https://", request.UserAgent);
        Assert.StartsWith("/api/v10/channels/", request.Path);
        Assert.Empty(_api.Violations);
        Assert.Equal(_api.Channels[Channel][0].Id, posted.Id);
        Assert.Equal(0, request.Body!.Value.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
    }

    [Fact]
    public async Task A_burst_of_posts_waits_for_the_bucket_instead_of_running_into_429s()
    {
        _api.ChannelLimit = 3;
        _api.ChannelWindow = TimeSpan.FromMilliseconds(400);
        var client = Client();

        var posts = Enumerable.Range(0, 10).Select(i => client.CreateMessageAsync(Channel, Message($"post {i}"), CancellationToken.None));
        await Task.WhenAll(posts);

        Assert.Equal(10, _api.Channels[Channel].Count);
        Assert.Equal(0, _api.TooManyRequestsSent);
        Assert.Empty(_api.Violations);
    }

    [Fact]
    public async Task A_429_is_waited_out_for_retry_after_and_the_post_goes_through_once()
    {
        var refused = 0;
        _api.Intercept = (request, http) => request.Method == "POST" && Interlocked.Increment(ref refused) == 1
            ? _api.TooManyRequests(http, 0.3, global: false)
            : null;
        var client = Client();

        await client.CreateMessageAsync(Channel, Message("after a 429"), CancellationToken.None);

        var attempts = _api.To("/channels/{channel_id}/messages").ToArray();
        Assert.Equal(2, attempts.Length);
        Assert.True(attempts[1].At - attempts[0].At >= TimeSpan.FromMilliseconds(250), $"retried after {(attempts[1].At - attempts[0].At).TotalMilliseconds} ms, before retry_after");
        Assert.Single(_api.Channels[Channel]);
    }

    [Fact]
    public async Task A_global_429_pauses_every_route_not_just_the_one_that_hit_it()
    {
        var refused = 0;
        _api.Intercept = (request, http) => request.Template == "/channels/{channel_id}/messages" && Interlocked.Increment(ref refused) == 1
            ? _api.TooManyRequests(http, 0.5, global: true)
            : null;
        var client = Client();

        await client.CreateMessageAsync(Channel, Message("first"), CancellationToken.None);
        await client.GetGatewayUrlAsync(CancellationToken.None);

        var limited = _api.Requests.First();
        var gateway = Assert.Single(_api.To("/gateway/bot"));
        Assert.True(gateway.At - limited.At >= TimeSpan.FromMilliseconds(400), "the other route did not wait out the global limit");
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff_until_discord_answers()
    {
        var failures = 0;
        _api.Intercept = (_, _) => Interlocked.Increment(ref failures) <= 2 ? Results.StatusCode(502) : null;
        var client = Client();

        await client.CreateMessageAsync(Channel, Message("eventually"), CancellationToken.None);

        Assert.Equal(3, _api.To("/channels/{channel_id}/messages").Count());
        Assert.Single(_api.Channels[Channel]);
    }

    [Theory]
    [InlineData(401, 0)]
    [InlineData(403, 50013)]
    [InlineData(404, 10003)]
    public async Task Refusals_are_never_retried(int status, int code)
    {
        _api.Intercept = (_, _) => FakeDiscordApi.Error(status, code, "refused");
        var client = Client();

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => client.CreateMessageAsync(Channel, Message("no"), CancellationToken.None));

        Assert.Equal((HttpStatusCode)status, error.Status);
        Assert.Equal(code, error.Code);
        Assert.Single(_api.To("/channels/{channel_id}/messages"));
    }

    [Fact]
    public async Task After_repeated_failures_the_circuit_stops_calling_discord()
    {
        _api.Intercept = (_, _) => Results.StatusCode(503);
        var (client, circuit) = ClientAndCircuit();

        await Assert.ThrowsAsync<DiscordUnavailableException>(() => client.CreateMessageAsync(Channel, Message("a"), CancellationToken.None));
        await Assert.ThrowsAsync<DiscordUnavailableException>(() => client.CreateMessageAsync(Channel, Message("b"), CancellationToken.None));
        var calls = _api.Requests.Count;
        var third = await Assert.ThrowsAsync<DiscordUnavailableException>(() => client.CreateMessageAsync(Channel, Message("c"), CancellationToken.None));

        Assert.True(circuit.IsOpen);
        Assert.Equal(DiscordCircuit.FailureThreshold, calls);
        Assert.Equal(calls, _api.Requests.Count);
        Assert.Contains("503", third.Message);
    }

    [Fact]
    public async Task An_interaction_callback_is_sent_exactly_once_even_when_discord_answers_500()
    {
        const string callback = "/interactions/{interaction_id}/{interaction_token}/callback";
        _api.Intercept = (request, _) => request.Template == callback ? Results.StatusCode(500) : null;
        var (client, circuit) = ClientAndCircuit();

        await Assert.ThrowsAsync<DiscordUnavailableException>(() =>
            client.RespondAsync("1400000000000000100", "tok-500", Pong, TimeSpan.FromSeconds(3), CancellationToken.None));

        Assert.Single(_api.To(callback));
        Assert.Null(circuit.LastFailure);
    }

    [Fact]
    public async Task An_interaction_callback_gives_up_when_its_deadline_has_passed_on_the_bots_clock()
    {
        // A Discord that takes the request and never answers; the deadline is what is left of the budget,
        // measured on the bot's (here fake) clock, so it must also run out on that clock.
        using var silent = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var clock = new FakeTimeProvider();
        var client = RestClients.DiscordClient(new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/api/v10/"), clock);

        var respond = client.RespondAsync("1400000000000000102", "tok-silent", Pong, TimeSpan.FromHours(1), CancellationToken.None);
        using var accepted = await silent.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(30));
        clock.Advance(TimeSpan.FromHours(1));

        var failure = await Assert.ThrowsAsync<DiscordUnavailableException>(() => respond.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("did not answer POST /interactions", failure.Message);
    }

    [Fact]
    public async Task Interaction_answers_still_go_out_while_the_circuit_is_open_for_channel_posts()
    {
        _api.Intercept = (request, _) => request.Template == "/channels/{channel_id}/messages" ? Results.StatusCode(503) : null;
        var (client, circuit) = ClientAndCircuit();
        await Assert.ThrowsAsync<DiscordUnavailableException>(() => client.CreateMessageAsync(Channel, Message("a"), CancellationToken.None));
        await Assert.ThrowsAsync<DiscordUnavailableException>(() => client.CreateMessageAsync(Channel, Message("b"), CancellationToken.None));
        Assert.True(circuit.IsOpen);
        var posts = _api.To("/channels/{channel_id}/messages").Count();

        await client.RespondAsync("1400000000000000101", "tok-open", Pong, TimeSpan.FromSeconds(3), CancellationToken.None);
        await client.EditOriginalAsync("tok-open", Message("the answer"), CancellationToken.None);
        await client.FollowupAsync("tok-open", Message("more of it"), CancellationToken.None);

        Assert.Single(_api.To("/interactions/{interaction_id}/{interaction_token}/callback"));
        Assert.Single(_api.To("/webhooks/{webhook_id}/{webhook_token}/messages/@original"));
        Assert.Single(_api.To("/webhooks/{webhook_id}/{webhook_token}"));
        Assert.Empty(_api.Violations);
        Assert.True(circuit.IsOpen);
        await Assert.ThrowsAsync<DiscordUnavailableException>(() => client.CreateMessageAsync(Channel, Message("c"), CancellationToken.None));
        Assert.Equal(posts, _api.To("/channels/{channel_id}/messages").Count());
    }

    [Fact]
    public async Task The_fake_refuses_a_message_whose_embeds_together_pass_6000_characters_as_received()
    {
        // Each embed is within its own limits (the spec's); only the total is too much.
        const string problem = "embeds total 6200 characters (max 6000)";
        var client = Client();
        var message = new MessageBody(null, [new EmbedBody(null, new string('x', 3100), null), new EmbedBody(null, new string('y', 3100), null)], AllowedMentionsBody.None);

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => client.CreateMessageAsync(Channel, message, CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains(_api.Violations, v => v.EndsWith(problem, StringComparison.Ordinal));
        Assert.False(_api.Channels.ContainsKey(Channel));
    }

    [Fact]
    public async Task Invalid_requests_are_counted_for_the_ip_ban_limit()
    {
        _api.Intercept = (_, _) => FakeDiscordApi.Error(403, 50001, "Missing Access");
        var (client, circuit) = ClientAndCircuit();

        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<DiscordApiException>(() => client.CreateMessageAsync(Channel, Message("x"), CancellationToken.None));
        }

        Assert.Equal(3, circuit.InvalidRequests);
    }

    private static readonly byte[] Pong = System.Text.Encoding.UTF8.GetBytes("{\"type\":1}");

    private static MessageBody Message(string text) =>
        new(null, [new EmbedBody(text, "body", null)], AllowedMentionsBody.None);

    private DiscordRestClient Client() => RestClients.DiscordClient(_api.ApiBaseUrl, TimeProvider.System);

    private (DiscordRestClient Client, DiscordCircuit Circuit) ClientAndCircuit()
    {
        var services = RestClients.Discord(_api.ApiBaseUrl, TimeProvider.System);
        return (services.GetRequiredService<DiscordRestClient>(), services.GetRequiredService<DiscordCircuit>());
    }
}
