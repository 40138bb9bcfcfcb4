using System.Net;
using System.Net.Sockets;
using CourseBot.Bot.Slack;
using CourseBot.Bot.Tests.Slack;
using CourseBot.Bot.Tests.Testing;

namespace CourseBot.Bot.Tests.Http;

/// <summary>Slack's named pipelines on virtual time: 429s wait Retry-After; a post is never repeated after a timeout, a read is.</summary>
public sealed class SlackPipelineTests : IAsyncLifetime
{
    private const string Channel = "C0COURSE";
    private readonly WatchedClock _clock = new();
    private FakeSlack _slack = null!;

    public async Task InitializeAsync() => _slack = await FakeSlack.StartAsync();

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    [Fact]
    public async Task A_rate_limited_post_waits_retry_after_on_the_bots_clock_and_goes_out_once()
    {
        _slack.ForceRateLimits = 1;
        var api = RestClients.Slack(_slack.ApiBaseUrl, _clock);

        var posting = api.PostMessageAsync(Channel, Message(), postKey: null, CancellationToken.None);
        await _clock.WaitStartedAsync(TimeSpan.FromSeconds(1));
        Assert.Single(_slack.To("chat.postMessage"));
        _clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(posting.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await posting.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, _slack.To("chat.postMessage").Count());
        Assert.Equal(1, _slack.TooManyRequestsSent);
    }

    [Fact]
    public async Task A_post_that_times_out_is_not_sent_again_and_its_outcome_is_unknown()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var api = RestClients.Slack(SilentApi(silent), _clock);

        var posting = api.PostMessageAsync(Channel, Message(), postKey: "k", CancellationToken.None);
        using var first = await silent.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await _clock.WaitStartedAsync(Bot.Http.HttpPipelines.AttemptTimeout);
        _clock.Advance(Bot.Http.HttpPipelines.AttemptTimeout);

        var failure = await Assert.ThrowsAsync<SlackUnavailableException>(() => posting.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(failure.OutcomeUnknown);
        Assert.Contains("may have taken effect", failure.Message);
        Assert.False(silent.Pending());
    }

    [Fact]
    public async Task A_read_that_times_out_is_tried_again_after_the_backoff()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var connections = new System.Collections.Concurrent.ConcurrentQueue<TcpClient>();
        _ = Task.Run(async () =>
        {
            while (true)
            {
                connections.Enqueue(await silent.AcceptTcpClientAsync());
            }
        });
        var api = RestClients.Slack(SilentApi(silent), _clock);
        using var stop = new CancellationTokenSource();

        var reading = api.RecentAsync(Channel, 10, stop.Token);
        await Eventually.WaitForAsync(() => connections.IsEmpty ? null : "", "the first attempt");
        await _clock.WaitStartedAsync(Bot.Http.HttpPipelines.AttemptTimeout);
        _clock.Advance(Bot.Http.HttpPipelines.AttemptTimeout);
        await _clock.WaitStartedAsync(SlackHttp.Backoff.First);
        _clock.Advance(SlackHttp.Backoff.First);

        await _clock.WaitStartedAsync(Bot.Http.HttpPipelines.AttemptTimeout, count: 2);
        await Eventually.WaitForAsync(() => connections.Count >= 2 ? "" : null, "the second attempt");
        Assert.False(reading.IsCompleted);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(TimeSpan.FromSeconds(30)));
        foreach (var connection in connections)
        {
            connection.Dispose();
        }
    }

    private static Uri SilentApi(TcpListener silent) => new($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/api/");

    private static SlackMessage Message() => SlackReplyRenderer.Render(
        new Core.Replies.Reply("Week 1", [new Core.Replies.ReplyBlock.Paragraph(new Core.Replies.Span.Text("Read the papers"))], TimeZoneInfo.Utc), reserveBlocks: 0)[0];
}
