using CourseBot.Bot.Delivery;
using CourseBot.Bot.Scheduling;
using CourseBot.Bot.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Scheduling;

public sealed class PostSenderTests : IAsyncLifetime, IDisposable
{
    private static readonly PostKey Week3 = new("cs395t", "week-3", PostKinds.Announcement, "discord", "readings");

    private readonly TempDirectory _folder = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 9, 8, 23, 0, 0, TimeSpan.Zero));
    private readonly FakePlatform _platform = new();
    private readonly SqlitePostingLedger _ledger;

    public PostSenderTests() =>
        _ledger = new SqlitePostingLedger($"Data Source={Path.Combine(_folder.Path, "coursebot.db")}", _clock, new PostingLedgerOptions());

    public Task InitializeAsync() => _ledger.EnsureSchemaAsync(default);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _folder.Dispose();

    private PostSender<string> Sender(string node) =>
        new(_ledger, [_platform], node, NullLogger<PostSender<string>>.Instance);

    private async Task<PostRecord> RecordAsync() => Assert.Single(await _ledger.ListAsync("cs395t", default));

    [Fact]
    public async Task A_post_goes_out_once_and_is_recorded_with_its_message_id()
    {
        var first = await Sender("node-a").SendAsync(Week3, "Week 3 readings", default);
        var second = await Sender("node-b").SendAsync(Week3, "Week 3 readings", default);

        Assert.Equal((PostOutcome.Sent, PostOutcome.AlreadySent), (first, second));
        var message = Assert.Single(_platform.Messages);
        Assert.Equal(Week3.Token, message.Token);
        var record = await RecordAsync();
        Assert.Equal((PostState.Sent, message.Id), (record.State, record.MessageId));
    }

    [Fact]
    public async Task A_crash_between_sending_and_recording_leaves_exactly_one_message_after_recovery()
    {
        _platform.CrashAfterNextPost = true;
        await Assert.ThrowsAsync<IOException>(() => Sender("node-a").SendAsync(Week3, "Week 3 readings", default));
        Assert.Equal(PostState.Sending, (await RecordAsync()).State);

        var withinLease = await Sender("node-b").SendAsync(Week3, "Week 3 readings", default);
        _clock.Advance(TimeSpan.FromMinutes(10));
        var afterLease = await Sender("node-b").SendAsync(Week3, "Week 3 readings", default);

        Assert.Equal(PostOutcome.InProgress, withinLease);
        Assert.Equal(PostOutcome.Recovered, afterLease);
        var message = Assert.Single(_platform.Messages);
        var record = await RecordAsync();
        Assert.Equal((PostState.Sent, message.Id), (record.State, record.MessageId));
    }

    [Fact]
    public async Task A_claim_abandoned_before_sending_is_sent_by_the_node_that_takes_it_over()
    {
        await _ledger.TryClaimAsync(Week3, "node-a/crashed-before-posting", default);
        _clock.Advance(TimeSpan.FromMinutes(11));

        var outcome = await Sender("node-b").SendAsync(Week3, "Week 3 readings", default);

        Assert.Equal(PostOutcome.Sent, outcome);
        Assert.Single(_platform.Messages);
        Assert.Equal(2, (await RecordAsync()).Attempts);
    }

    [Fact]
    public async Task Two_senders_racing_on_the_same_post_send_one_message()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _platform.Hold = release.Task;

        var first = Sender("node-a").SendAsync(Week3, "Week 3 readings", default);
        await _platform.PostStarted.Task.WaitAsync(TimeSpan.FromSeconds(15));
        var second = await Sender("node-b").SendAsync(Week3, "Week 3 readings", default);
        release.SetResult();

        Assert.Equal(PostOutcome.InProgress, second);
        Assert.Equal(PostOutcome.Sent, await first);
        Assert.Single(_platform.Messages);
    }

    [Fact]
    public async Task A_retryable_refusal_releases_the_claim_and_a_later_attempt_sends()
    {
        _platform.RefuseNext("429 rate limited", retryable: true);

        var first = await Sender("node-a").SendAsync(Week3, "Week 3 readings", default);
        var released = await RecordAsync();
        var retry = await Sender("node-a").SendAsync(Week3, "Week 3 readings", default);

        Assert.Equal(PostOutcome.RetryableFailure, first);
        Assert.Equal((PostState.Failed, "429 rate limited"), (released.State, released.LastError));
        Assert.Equal(PostOutcome.Sent, retry);
        Assert.Single(_platform.Messages);
        Assert.Equal((PostState.Sent, 2), ((await RecordAsync()).State, (await RecordAsync()).Attempts));
    }

    [Fact]
    public async Task A_permanent_refusal_is_reported_and_its_error_recorded()
    {
        _platform.RefuseNext("403 Missing Access", retryable: false);

        var outcome = await Sender("node-a").SendAsync(Week3, "Week 3 readings", default);

        Assert.Equal(PostOutcome.PermanentFailure, outcome);
        Assert.Empty(_platform.Messages);
        var record = await RecordAsync();
        Assert.Equal((PostState.Failed, "403 Missing Access"), (record.State, record.LastError));
    }

    [Fact]
    public async Task A_skipped_post_is_not_sent()
    {
        await _ledger.MarkSkippedAsync(Week3, "missed beyond the grace period", default);

        var outcome = await Sender("node-a").SendAsync(Week3, "Week 3 readings", default);

        Assert.Equal(PostOutcome.Skipped, outcome);
        Assert.Empty(_platform.Messages);
    }

    [Fact]
    public async Task A_post_for_a_platform_without_delivery_is_an_error()
    {
        var slack = new PostKey("cs395t", "week-3", PostKinds.Announcement, "slack", "C123");

        await Assert.ThrowsAsync<InvalidOperationException>(() => Sender("node-a").SendAsync(slack, "x", default));
        Assert.Empty(await _ledger.ListAsync("cs395t", default));
    }
}
