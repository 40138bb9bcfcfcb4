using System.Data.Common;
using CourseBot.Bot.Delivery;
using Microsoft.Data.Sqlite;

namespace CourseBot.Bot.Storage;

/// <summary>
/// Edits of sent posts (docs/delivery.md, "Edits"): which content version a message shows, and an edit
/// claim beside the send claim, taken and taken over with the same compare-and-swap UPDATEs.
/// </summary>
public abstract partial class SqlPostingLedger
{
    /// <summary>The edit columns, added to an existing table by <see cref="EnsureSchemaAsync"/>; null in rows from before.</summary>
    protected const string EditColumns = "version, edit_version, edit_claimant, edit_claimed_at, edited_at, gone_at, reposted_at";

    private static readonly (string Name, string Type)[] EditColumnTypes =
    [
        ("version", "TEXT"),          // the content version the message shows; null = unknown
        ("edit_version", "TEXT"),     // the version an edit claim is bringing it to
        ("edit_claimant", "TEXT"),
        ("edit_claimed_at", "BIGINT"),
        ("edited_at", "BIGINT"),
        ("gone_at", "BIGINT"),        // the platform no longer has the message
        ("reposted_at", "BIGINT"),    // posted again once after it was deleted; never again
    ];

    /// <summary>PostgreSQL: adds the edit columns a table made by an earlier version lacks (run under the schema lock).</summary>
    protected static string PostgresEditColumns =>
        "ALTER TABLE coursebot_posts " + string.Join(", ", EditColumnTypes.Select(c => $"ADD COLUMN IF NOT EXISTS {c.Name} {c.Type} NULL"));

    /// <summary>
    /// SQLite has no <c>ADD COLUMN IF NOT EXISTS</c>: the missing columns are looked up and added inside one
    /// write transaction, so two processes opening the same file at once do not both add them.
    /// </summary>
    protected static async Task AddSqliteEditColumnsAsync(SqliteConnection connection, CancellationToken ct)
    {
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        var existing = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using (var list = connection.CreateCommand())
        {
            list.Transaction = transaction;
            list.CommandText = "SELECT name FROM pragma_table_info('coursebot_posts')";
            await using var reader = await list.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                existing.Add(reader.GetString(0));
            }
        }

        foreach (var (name, type) in EditColumnTypes.Where(c => !existing.Contains(c.Name)))
        {
            await using var add = connection.CreateCommand();
            add.Transaction = transaction;
            add.CommandText = $"ALTER TABLE coursebot_posts ADD COLUMN {name} {type} NULL";
            await add.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
    }

    public async Task<EditClaim> TryClaimEditAsync(PostKey key, string toVersion, string claimant, bool repostIfGone, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(toVersion);
        ArgumentException.ThrowIfNullOrWhiteSpace(claimant);
        await using var connection = await OpenAsync(ct);
        var now = time.GetUtcNow();
        var mayRepost = repostIfGone ? "(gone_at IS NOT NULL AND reposted_at IS NULL)" : "1 = 0";

        // A fresh claim: nobody is editing, and the message shows another (or an unknown) version, or is
        // gone and may be posted again.
        var claimed = await ExecuteAsync(connection, $"""
            UPDATE coursebot_posts
            SET edit_claimant = @claimant, edit_claimed_at = @now, edit_version = @to, updated_at = @now
            WHERE {KeyMatch} AND state = 'sent' AND edit_claimant IS NULL
              AND ((gone_at IS NULL AND (version IS NULL OR version <> @to)) OR {mayRepost})
            """, key, ct, ("claimant", claimant), ("now", now.ToUnixTimeMilliseconds()), ("to", toVersion));
        if (claimed == 1)
        {
            return await ClaimedAsync(connection, key, tookOver: false, ct);
        }

        // A claim older than the lease: its node stopped mid-edit, so what the message shows is unknown
        // whatever the recorded version says; it is edited (or re-posted) again.
        var tookOver = await ExecuteAsync(connection, $"""
            UPDATE coursebot_posts
            SET edit_claimant = @claimant, edit_claimed_at = @now, edit_version = @to, updated_at = @now
            WHERE {KeyMatch} AND state = 'sent' AND edit_claimant IS NOT NULL AND edit_claimed_at <= @expiredBefore
              AND (gone_at IS NULL OR {mayRepost})
            """, key, ct,
            ("claimant", claimant),
            ("now", now.ToUnixTimeMilliseconds()),
            ("to", toVersion),
            ("expiredBefore", (now - options.ClaimLease).ToUnixTimeMilliseconds()));
        if (tookOver == 1)
        {
            return await ClaimedAsync(connection, key, tookOver: true, ct);
        }

        var record = await FindAsync(connection, key, ct);
        if (record is not { State: PostState.Sent })
        {
            return new EditClaim(EditClaimOutcome.NotSent, record?.MessageId, record?.Version);
        }

        var outcome = record switch
        {
            { GoneAt: not null } when !repostIfGone || record.RepostedAt is not null => EditClaimOutcome.Gone,
            { EditClaimant: not null } => EditClaimOutcome.InProgress,
            { GoneAt: null } when record.Version == toVersion => EditClaimOutcome.Current,
            // Changed between our UPDATEs and this read: the next run decides.
            _ => EditClaimOutcome.InProgress,
        };
        return new EditClaim(outcome, record.MessageId, record.Version);
    }

    public async Task MarkEditedAsync(PostKey key, string claimant, string version, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        await EndEditAsync(key, claimant, "version = @version, edited_at = @now, last_error = NULL", "gone_at IS NULL", ct, ("version", version));
    }

    public Task ReleaseEditAsync(PostKey key, string claimant, string reason, CancellationToken ct) =>
        EndEditAsync(key, claimant, "last_error = @reason", "1 = 1", ct, ("reason", reason));

    public async Task MarkGoneAsync(PostKey key, string claimant, string reason, bool reposting, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var claim = reposting
            ? "edit_claimed_at = @now" // renewed: the re-post starts now
            : "edit_claimant = NULL, edit_claimed_at = NULL, edit_version = NULL";
        var updated = await ExecuteAsync(connection, $"""
            UPDATE coursebot_posts
            SET gone_at = COALESCE(gone_at, @now), last_error = @reason, updated_at = @now, {claim}
            WHERE {KeyMatch} AND state = 'sent' AND edit_claimant = @claimant
            """, key, ct, ("claimant", claimant), ("reason", reason), ("now", Now()));
        if (updated != 1)
        {
            throw new LostClaimException(key, claimant);
        }
    }

    public async Task MarkRepostedAsync(PostKey key, string claimant, string messageId, string? version, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        await EndEditAsync(
            key,
            claimant,
            "message_id = @message, version = @version, gone_at = NULL, reposted_at = @now, last_error = NULL",
            "gone_at IS NOT NULL",
            ct,
            ("message", messageId),
            ("version", version));
    }

    /// <summary>Ends <paramref name="claimant"/>'s edit claim, setting <paramref name="set"/>; throws when it does not hold the claim.</summary>
    private async Task EndEditAsync(PostKey key, string claimant, string set, string condition, CancellationToken ct, params (string Name, object? Value)[] values)
    {
        await using var connection = await OpenAsync(ct);
        var updated = await ExecuteAsync(connection, $"""
            UPDATE coursebot_posts
            SET {set}, edit_claimant = NULL, edit_claimed_at = NULL, edit_version = NULL, updated_at = @now
            WHERE {KeyMatch} AND state = 'sent' AND edit_claimant = @claimant AND {condition}
            """, key, ct, [("claimant", claimant), ("now", Now()), .. values]);
        if (updated != 1)
        {
            throw new LostClaimException(key, claimant);
        }
    }

    private static async Task<EditClaim> ClaimedAsync(DbConnection connection, PostKey key, bool tookOver, CancellationToken ct)
    {
        // We hold the edit claim, so nobody else changes the row under us.
        var record = await FindAsync(connection, key, ct)
            ?? throw new InvalidOperationException($"Post {key} vanished from the ledger while its edit was claimed.");
        var repost = record.GoneAt is not null;
        return new EditClaim(EditClaimOutcome.Claimed, record.MessageId, record.Version, repost, MayHaveReposted: repost && tookOver, RepostedBefore: record.RepostedAt is not null);
    }
}
