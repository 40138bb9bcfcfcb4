using CourseBot.Bot.Delivery;
using CourseBot.Bot.Scheduling;
using CourseBot.Bot.Storage;
using Microsoft.Extensions.Time.Testing;

namespace CourseBot.Bot.Tests.Scheduling;

/// <summary>The behaviour every posting ledger must have; run against SQLite and PostgreSQL.</summary>
public abstract class PostingLedgerContract : IAsyncLifetime
{
    protected static readonly PostingLedgerOptions Options = new() { ClaimLease = TimeSpan.FromMinutes(10) };

    private readonly string _course = $"cs395t-{Guid.NewGuid():N}";
    private SqlPostingLedger? _ledger;

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 9, 8, 23, 0, 0, TimeSpan.Zero));

    protected SqlPostingLedger Ledger => _ledger ?? throw new InvalidOperationException("Not initialized.");

    protected abstract Task<SqlPostingLedger> CreateLedgerAsync(FakeTimeProvider clock);

    public async Task InitializeAsync()
    {
        _ledger = await CreateLedgerAsync(Clock);
        await _ledger.EnsureSchemaAsync(CancellationToken.None);
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private PostKey Key(string slot = "week-3", string channel = "readings") =>
        new(_course, slot, PostKinds.Announcement, "discord", channel);

    [Fact]
    public async Task A_new_post_is_claimed_and_listed_as_sending()
    {
        var result = await Ledger.TryClaimAsync(Key(), "node-a", default);

        Assert.Equal(ClaimOutcome.Claimed, result.Outcome);
        var record = Assert.Single(await Ledger.ListAsync(_course, default));
        Assert.Equal(Key(), record.Key);
        Assert.Equal(PostState.Sending, record.State);
        Assert.Equal("node-a", record.Claimant);
        Assert.Equal(1, record.Attempts);
        Assert.Equal(Clock.GetUtcNow(), record.ClaimedAt);
    }

    [Fact]
    public async Task Schema_creation_can_run_again()
    {
        await Ledger.TryClaimAsync(Key(), "node-a", default);

        await Ledger.EnsureSchemaAsync(default);

        Assert.Single(await Ledger.ListAsync(_course, default));
    }

    [Fact]
    public async Task Another_claimant_within_the_lease_finds_the_post_in_progress()
    {
        await Ledger.TryClaimAsync(Key(), "node-a", default);
        Clock.Advance(TimeSpan.FromMinutes(9));

        var result = await Ledger.TryClaimAsync(Key(), "node-b", default);

        Assert.Equal(ClaimOutcome.InProgress, result.Outcome);
        Assert.Equal("node-a", result.Claimant);
    }

    [Fact]
    public async Task After_the_lease_the_claim_is_stale_and_only_one_of_two_nodes_takes_it_over()
    {
        await Ledger.TryClaimAsync(Key(), "node-a", default);
        Clock.Advance(TimeSpan.FromMinutes(10));

        var seenByB = await Ledger.TryClaimAsync(Key(), "node-b", default);
        var seenByC = await Ledger.TryClaimAsync(Key(), "node-c", default);
        var tookOverB = await Ledger.TryTakeOverAsync(Key(), seenByB, "node-b", default);
        var tookOverC = await Ledger.TryTakeOverAsync(Key(), seenByC, "node-c", default);

        Assert.Equal(ClaimOutcome.Stale, seenByB.Outcome);
        Assert.Equal("node-a", seenByB.Claimant);
        Assert.True(tookOverB);
        Assert.False(tookOverC);
        var record = Assert.Single(await Ledger.ListAsync(_course, default));
        Assert.Equal("node-b", record.Claimant);
        Assert.Equal(2, record.Attempts);
    }

    [Fact]
    public async Task A_sent_post_reports_its_message_id_to_later_claimants()
    {
        await Ledger.TryClaimAsync(Key(), "node-a", default);
        Clock.Advance(TimeSpan.FromSeconds(2));
        await Ledger.MarkSentAsync(Key(), "node-a", "1234567890", default);

        var result = await Ledger.TryClaimAsync(Key(), "node-b", default);

        Assert.Equal(ClaimOutcome.AlreadySent, result.Outcome);
        Assert.Equal("1234567890", result.MessageId);
        var record = Assert.Single(await Ledger.ListAsync(_course, default));
        Assert.Equal(PostState.Sent, record.State);
        Assert.Equal(Clock.GetUtcNow(), record.CompletedAt);
    }

    [Fact]
    public async Task Only_the_current_claimant_can_complete_or_release()
    {
        await Ledger.TryClaimAsync(Key(), "node-a", default);
        Clock.Advance(TimeSpan.FromMinutes(11));
        var stale = await Ledger.TryClaimAsync(Key(), "node-b", default);
        Assert.True(await Ledger.TryTakeOverAsync(Key(), stale, "node-b", default));

        await Assert.ThrowsAsync<LostClaimException>(() => Ledger.MarkSentAsync(Key(), "node-a", "late", default));
        await Assert.ThrowsAsync<LostClaimException>(() => Ledger.ReleaseAsync(Key(), "node-a", "late", default));
        await Ledger.MarkSentAsync(Key(), "node-b", "42", default);
        Assert.Equal("42", Assert.Single(await Ledger.ListAsync(_course, default)).MessageId);
    }

    [Fact]
    public async Task Every_field_of_a_listed_post_comes_from_its_own_column()
    {
        var created = Clock.GetUtcNow();
        await Ledger.TryClaimAsync(Key(), "node-a", default);
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Ledger.ReleaseAsync(Key(), "node-a", "503 Service Unavailable", default);
        Clock.Advance(TimeSpan.FromMinutes(1));
        var reclaimed = Clock.GetUtcNow();
        await Ledger.TryClaimAsync(Key(), "node-b", default);
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Ledger.MarkSentAsync(Key(), "node-b", "msg-77", default);

        var record = Assert.Single(await Ledger.ListAsync(_course, default));

        Assert.Equal(Key(), record.Key);
        Assert.Equal(PostState.Sent, record.State);
        Assert.Equal("node-b", record.Claimant);
        Assert.Equal("msg-77", record.MessageId);
        Assert.Equal(2, record.Attempts);
        Assert.Equal("503 Service Unavailable", record.LastError);
        Assert.Equal(created, record.CreatedAt);
        Assert.Equal(reclaimed, record.ClaimedAt);
        Assert.Equal(Clock.GetUtcNow(), record.CompletedAt);
        Assert.Equal(Clock.GetUtcNow(), record.UpdatedAt);
    }

    [Fact]
    public async Task A_released_post_keeps_its_error_and_can_be_claimed_again()
    {
        await Ledger.TryClaimAsync(Key(), "node-a", default);
        await Ledger.ReleaseAsync(Key(), "node-a", "429 Too Many Requests", default);

        var released = Assert.Single(await Ledger.ListAsync(_course, default));
        var again = await Ledger.TryClaimAsync(Key(), "node-b", default);

        Assert.Equal(PostState.Failed, released.State);
        Assert.Equal("429 Too Many Requests", released.LastError);
        Assert.Null(released.Claimant);
        Assert.Equal(ClaimOutcome.Claimed, again.Outcome);
        var record = Assert.Single(await Ledger.ListAsync(_course, default));
        Assert.Equal(("node-b", 2, PostState.Sending), (record.Claimant, record.Attempts, record.State));
    }

    [Fact]
    public async Task A_skipped_post_is_never_claimed()
    {
        Assert.True(await Ledger.MarkSkippedAsync(Key(), "missed by 3 days", default));

        var result = await Ledger.TryClaimAsync(Key(), "node-a", default);

        Assert.Equal(ClaimOutcome.Skipped, result.Outcome);
        var record = Assert.Single(await Ledger.ListAsync(_course, default));
        Assert.Equal((PostState.Skipped, "missed by 3 days"), (record.State, record.LastError));
    }

    [Fact]
    public async Task Skipping_leaves_sent_and_sending_posts_alone_but_skips_failed_ones()
    {
        var sent = Key(channel: "sent");
        var sending = Key(channel: "sending");
        var failed = Key(channel: "failed");
        await Ledger.TryClaimAsync(sent, "a", default);
        await Ledger.MarkSentAsync(sent, "a", "m1", default);
        await Ledger.TryClaimAsync(sending, "a", default);
        await Ledger.TryClaimAsync(failed, "a", default);
        await Ledger.ReleaseAsync(failed, "a", "500", default);

        Assert.False(await Ledger.MarkSkippedAsync(sent, "late", default));
        Assert.False(await Ledger.MarkSkippedAsync(sending, "late", default));
        Assert.True(await Ledger.MarkSkippedAsync(failed, "late", default));

        var states = (await Ledger.ListAsync(_course, default)).ToDictionary(r => r.Key.Channel, r => r.State);
        Assert.Equal(PostState.Sent, states["sent"]);
        Assert.Equal(PostState.Sending, states["sending"]);
        Assert.Equal(PostState.Skipped, states["failed"]);
    }

    [Fact]
    public async Task Of_many_simultaneous_claims_exactly_one_wins()
    {
        var claims = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(i => Task.Run(() => Ledger.TryClaimAsync(Key(), $"node-{i}", default))));

        Assert.Single(claims, c => c.Outcome == ClaimOutcome.Claimed);
        Assert.All(claims.Where(c => c.Outcome != ClaimOutcome.Claimed), c => Assert.Equal(ClaimOutcome.InProgress, c.Outcome));
    }

    [Fact]
    public async Task Listing_filters_by_course_and_orders_by_slot()
    {
        await Ledger.TryClaimAsync(Key(slot: "week-4"), "a", default);
        await Ledger.TryClaimAsync(Key(slot: "week-3"), "a", default);
        await Ledger.TryClaimAsync(new PostKey($"other-{Guid.NewGuid():N}", "week-3", PostKinds.Reminder, "slack", "C1"), "a", default);

        var records = await Ledger.ListAsync(_course, default);

        Assert.Equal(["week-3", "week-4"], records.Select(r => r.Key.Slot));
        Assert.True((await Ledger.ListAsync(null, default)).Count >= 3);
    }
}
