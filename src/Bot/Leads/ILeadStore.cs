using CourseBot.Core.Leads;

namespace CourseBot.Bot.Leads;

/// <summary>
/// Where discussion-lead sign-ups live: the ledger's database (SQLite or PostgreSQL). Every change is
/// decided inside one transaction, so concurrent claims of the last slot — on one copy of the bot or on
/// several sharing PostgreSQL — give exactly one lead. Time and paper rules (open, closed, leadable,
/// holiday) are Core's and are checked before the store is asked.
/// </summary>
public interface ILeadStore
{
    /// <summary>Signs <paramref name="student"/> up to lead <paramref name="paperKey"/>, or waitlists them, or says why not.</summary>
    Task<LeadClaim> ClaimAsync(string courseId, string paperKey, LeadStudent student, LeadLimits limits, DateTimeOffset at, CancellationToken ct);

    /// <summary>
    /// Withdraws a student from <paramref name="paperKey"/> (null: their first sign-up, a lead before a
    /// waitlist place). A lead's drop promotes the first waitlisted student of that paper, in the same transaction.
    /// </summary>
    Task<LeadDrop> DropAsync(string courseId, string? paperKey, string platform, string userId, CancellationToken ct);

    /// <summary>Every sign-up of the course: by paper key, each paper's leads (in sign-up order) then its waitlist (by position).</summary>
    Task<IReadOnlyList<LeadSignup>> ListAsync(string courseId, CancellationToken ct);

    /// <summary>Removes every sign-up of a paper that left the reading list; returns who was released, in <see cref="ListAsync"/> order.</summary>
    Task<IReadOnlyList<LeadSignup>> ReleasePaperAsync(string courseId, string paperKey, CancellationToken ct);

    /// <summary>Closes (or reopens) sign-ups for the week starting <paramref name="week"/> (its Monday); false when it already was so.</summary>
    Task<bool> SetWeekClosedAsync(string courseId, DateOnly week, bool closed, DateTimeOffset at, CancellationToken ct);

    /// <summary>The weeks staff closed, by Monday, with when they were closed.</summary>
    Task<IReadOnlyDictionary<DateOnly, DateTimeOffset>> ClosedWeeksAsync(string courseId, CancellationToken ct);
}
