using System.Data.Common;
using CourseBot.Bot.Delivery;
using CourseBot.Bot.Scheduling;
using CourseBot.Bot.Storage;
using CourseBot.Bot.Tests.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace CourseBot.Bot.Tests.Scheduling;

/// <summary>The ledger's edit records (version, edit claims, deleted messages); run against SQLite and PostgreSQL.</summary>
public abstract class PostEditLedgerContract : IAsyncLifetime
{
    protected static readonly PostingLedgerOptions Options = new() { ClaimLease = TimeSpan.FromMinutes(10) };

    /// <summary>The ledger table as versions before edits created it: no edit columns.</summary>
    protected const string TableBeforeEdits = """
        CREATE TABLE coursebot_posts (
          course_id TEXT NOT NULL, slot TEXT NOT NULL, kind TEXT NOT NULL, platform TEXT NOT NULL, channel TEXT NOT NULL,
          token TEXT NOT NULL, state TEXT NOT NULL, claimant TEXT NULL, message_id TEXT NULL, attempts INTEGER NOT NULL,
          last_error TEXT NULL, created_at BIGINT NOT NULL, claimed_at BIGINT NULL, completed_at BIGINT NULL, updated_at BIGINT NOT NULL,
          PRIMARY KEY (course_id, slot, kind, platform, channel));
        INSERT INTO coursebot_posts VALUES ('old', '2025-09-08', 'announcement', 'discord', 'readings', 'tok', 'sent', 'n/1', 'msg-old', 1, NULL, 1, 1, 1, 1);
        """;

    private readonly string _course = $"cs395t-{Guid.NewGuid():N}";
    private SqlPostingLedger? _ledger;

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 9, 8, 23, 0, 0, TimeSpan.Zero));

    protected SqlPostingLedger Ledger => _ledger ?? throw new InvalidOperationException("Not initialized.");

    protected abstract Task<SqlPostingLedger> CreateLedgerAsync(FakeTimeProvider clock);

    /// <summary>A ledger on a new database holding <see cref="TableBeforeEdits"/>.</summary>
    protected abstract Task<SqlPostingLedger> CreateLedgerOnOldTableAsync(FakeTimeProvider clock);

    public async Task InitializeAsync()
    {
        _ledger = await CreateLedgerAsync(Clock);
        await _ledger.EnsureSchemaAsync(CancellationToken.None);
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private PostKey Key(string slot = "2025-09-08") => new(_course, slot, PostKinds.Announcement, "discord", "readings");

    private async Task<PostKey> SentAsync(string? version, string slot = "2025-09-08")
    {
        var key = Key(slot);
        await Ledger.TryClaimAsync(key, "sender/1", default);
        await Ledger.MarkSentAsync(key, "sender/1", $"msg-{slot}", version, default);
        return key;
    }

    [Fact]
    public async Task A_sent_post_records_its_version_and_an_edit_to_another_version_is_claimed_once_and_recorded()
    {
        var key = await SentAsync("v1");

        var same = await Ledger.TryClaimEditAsync(key, "v1", "editor-a", false, default);
        var first = await Ledger.TryClaimEditAsync(key, "v2", "editor-a", false, default);
        var second = await Ledger.TryClaimEditAsync(key, "v2", "editor-b", false, default);
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Ledger.MarkEditedAsync(key, "editor-a", "v2", default);
        var after = await Ledger.TryClaimEditAsync(key, "v2", "editor-b", false, default);

        Assert.Equal(EditClaimOutcome.Current, same.Outcome);
        Assert.Equal((EditClaimOutcome.Claimed, "msg-2025-09-08", "v1", false), (first.Outcome, first.MessageId, first.Version, first.Repost));
        Assert.Equal(EditClaimOutcome.InProgress, second.Outcome);
        Assert.Equal(EditClaimOutcome.Current, after.Outcome);
        var record = await Ledger.FindAsync(key, default);
        Assert.Equal(("v2", Clock.GetUtcNow(), null), (record!.Version, record.EditedAt, record.EditClaimant));
    }

    [Fact]
    public async Task Of_many_nodes_claiming_the_same_edit_at_once_exactly_one_gets_it()
    {
        var key = await SentAsync("v1");

        var claims = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => Ledger.TryClaimEditAsync(key, "v2", $"editor-{i}", false, default))));

        Assert.Single(claims, c => c.Outcome == EditClaimOutcome.Claimed);
        Assert.All(claims.Where(c => c.Outcome != EditClaimOutcome.Claimed), c => Assert.Equal(EditClaimOutcome.InProgress, c.Outcome));
    }

    [Fact]
    public async Task A_post_not_sent_has_nothing_to_edit()
    {
        await Ledger.TryClaimAsync(Key("2025-09-15"), "sender/1", default);

        Assert.Equal(EditClaimOutcome.NotSent, (await Ledger.TryClaimEditAsync(Key("2025-09-15"), "v1", "editor", true, default)).Outcome);
        Assert.Equal(EditClaimOutcome.NotSent, (await Ledger.TryClaimEditAsync(Key("2025-09-22"), "v1", "editor", true, default)).Outcome);
    }

    [Fact]
    public async Task An_abandoned_edit_claim_is_taken_over_after_the_lease_by_one_node_and_the_old_claimant_cannot_record()
    {
        var key = await SentAsync("v1");
        await Ledger.TryClaimEditAsync(key, "v2", "stopped", false, default);

        var withinLease = await Ledger.TryClaimEditAsync(key, "v2", "editor-a", false, default);
        Clock.Advance(Options.ClaimLease);
        var takeovers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => Ledger.TryClaimEditAsync(key, "v2", $"editor-{i}", false, default))));

        Assert.Equal(EditClaimOutcome.InProgress, withinLease.Outcome);
        var winner = Assert.Single(takeovers, c => c.Outcome == EditClaimOutcome.Claimed);
        Assert.False(winner.MayHaveReposted);
        await Assert.ThrowsAsync<LostClaimException>(() => Ledger.MarkEditedAsync(key, "stopped", "v2", default));
    }

    [Fact]
    public async Task A_refused_edit_is_released_with_its_reason_and_can_be_claimed_again()
    {
        var key = await SentAsync("v1");
        await Ledger.TryClaimEditAsync(key, "v2", "editor-a", false, default);

        await Ledger.ReleaseEditAsync(key, "editor-a", "rate limited", default);
        var again = await Ledger.TryClaimEditAsync(key, "v2", "editor-b", false, default);

        Assert.Equal(EditClaimOutcome.Claimed, again.Outcome);
        var record = await Ledger.FindAsync(key, default);
        Assert.Equal(("v1", "rate limited", "editor-b"), (record!.Version, record.LastError, record.EditClaimant));
    }

    [Fact]
    public async Task A_deleted_message_is_recorded_gone_and_reposted_once_only_when_asked()
    {
        var key = await SentAsync("v1");
        await Ledger.TryClaimEditAsync(key, "v2", "editor-a", false, default);
        await Ledger.MarkGoneAsync(key, "editor-a", "Unknown Message", reposting: false, default);

        var announcement = await Ledger.TryClaimEditAsync(key, "v3", "editor-b", repostIfGone: false, default);
        var roster = await Ledger.TryClaimEditAsync(key, "v3", "editor-c", repostIfGone: true, default);
        await Ledger.MarkRepostedAsync(key, "editor-c", "msg-new", "v3", default);
        var reposted = await Ledger.FindAsync(key, default);
        await Ledger.TryClaimEditAsync(key, "v4", "editor-d", repostIfGone: true, default);
        await Ledger.MarkGoneAsync(key, "editor-d", "Unknown Message", reposting: false, default);
        var deletedAgain = await Ledger.TryClaimEditAsync(key, "v5", "editor-e", repostIfGone: true, default);

        Assert.Equal(EditClaimOutcome.Gone, announcement.Outcome);
        Assert.Equal((EditClaimOutcome.Claimed, true, false), (roster.Outcome, roster.Repost, roster.MayHaveReposted));
        Assert.Equal(("msg-new", "v3", null, Clock.GetUtcNow()), (reposted!.MessageId, reposted.Version, reposted.GoneAt, reposted.RepostedAt));
        Assert.Equal(EditClaimOutcome.Gone, deletedAgain.Outcome);
        var record = await Ledger.FindAsync(key, default);
        Assert.NotNull(record!.GoneAt);
        Assert.Null(record.EditClaimant);
    }

    [Fact]
    public async Task A_node_that_stopped_while_reposting_leaves_a_claim_whose_taker_must_look_for_the_new_message_first()
    {
        var key = await SentAsync("v1");
        await Ledger.TryClaimEditAsync(key, "v2", "stopped", true, default);
        await Ledger.MarkGoneAsync(key, "stopped", "Unknown Message", reposting: true, default);

        var withinLease = await Ledger.TryClaimEditAsync(key, "v2", "editor-a", true, default);
        Clock.Advance(Options.ClaimLease);
        var takeover = await Ledger.TryClaimEditAsync(key, "v2", "editor-a", true, default);

        Assert.Equal(EditClaimOutcome.InProgress, withinLease.Outcome);
        Assert.Equal((EditClaimOutcome.Claimed, true, true), (takeover.Outcome, takeover.Repost, takeover.MayHaveReposted));
    }

    [Fact]
    public async Task An_existing_ledger_gains_the_edit_columns_and_its_sent_posts_have_an_unknown_version()
    {
        var ledger = await CreateLedgerOnOldTableAsync(Clock);
        var old = new PostKey("old", "2025-09-08", PostKinds.Announcement, "discord", "readings");

        await ledger.EnsureSchemaAsync(default);
        await ledger.EnsureSchemaAsync(default);
        var record = await ledger.FindAsync(old, default);
        var claim = await ledger.TryClaimEditAsync(old, "v1", "editor", false, default);

        Assert.Equal((PostState.Sent, "msg-old", null, null), (record!.State, record.MessageId, record.Version, record.EditedAt));
        Assert.Equal((EditClaimOutcome.Claimed, "msg-old"), (claim.Outcome, claim.MessageId));
    }
}

public sealed class SqlitePostEditLedgerTests : PostEditLedgerContract
{
    private readonly TempDirectory _folder = new();

    protected override Task<SqlPostingLedger> CreateLedgerAsync(FakeTimeProvider clock) =>
        Task.FromResult<SqlPostingLedger>(new SqlitePostingLedger($"Data Source={Path.Combine(_folder.Path, "coursebot.db")}", clock, Options));

    protected override async Task<SqlPostingLedger> CreateLedgerOnOldTableAsync(FakeTimeProvider clock)
    {
        var connectionString = $"Data Source={Path.Combine(_folder.Path, "old.db")}";
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync();
            await ExecuteAsync(connection, TableBeforeEdits);
        }

        return new SqlitePostingLedger(connectionString, clock, Options);
    }

    public override Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    internal static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

[Trait(TestCategory.Name, TestCategory.Postgres)]
[Collection(PostgresCollection.Name)]
public sealed class PostgresPostEditLedgerTests(PostgresServer server, PostgresPostingLedgerTests.Database database)
    : PostEditLedgerContract, IClassFixture<PostgresPostingLedgerTests.Database>
{
    private readonly List<NpgsqlDataSource> _dataSources = [];

    protected override async Task<SqlPostingLedger> CreateLedgerAsync(FakeTimeProvider clock)
    {
        var dataSource = NpgsqlDataSource.Create(await database.ConnectionStringAsync(server));
        _dataSources.Add(dataSource);
        return new PostgresPostingLedger(dataSource, clock, Options);
    }

    protected override async Task<SqlPostingLedger> CreateLedgerOnOldTableAsync(FakeTimeProvider clock)
    {
        var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync());
        _dataSources.Add(dataSource);
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await SqlitePostEditLedgerTests.ExecuteAsync(connection, TableBeforeEdits);
        }

        return new PostgresPostingLedger(dataSource, clock, Options);
    }

    public override async Task DisposeAsync()
    {
        foreach (var dataSource in _dataSources)
        {
            await dataSource.DisposeAsync();
        }
    }
}
