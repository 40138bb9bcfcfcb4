namespace CourseBot.Core.Leads;

/// <summary>Whether a sign-up may go to the store now, or why not (each refusal has a student-facing text in <see cref="LeadReplies"/>).</summary>
public abstract record LeadCheck
{
    private protected LeadCheck()
    {
    }

    public bool IsOpen => this is Open;

    public sealed record Open : LeadCheck;

    /// <summary>Sign-ups open at <paramref name="Opens"/>.</summary>
    public sealed record NotOpenYet(DateTimeOffset Opens) : LeadCheck;

    /// <summary>Sign-ups for <paramref name="Paper"/> closed at <paramref name="Since"/> (the course's lead time before its class).</summary>
    public sealed record Closed(LeadablePaper Paper, DateTimeOffset Since) : LeadCheck;

    /// <summary>The paper is not one students can lead; <paramref name="Why"/> says why.</summary>
    public sealed record NotLeadable(string Paper, string Why) : LeadCheck;

    /// <summary>The week is a holiday: no class, no paper to lead.</summary>
    public sealed record HolidayWeek(DateOnly Week, string Holiday) : LeadCheck;

    /// <summary>Staff closed sign-ups for the week starting <paramref name="Week"/> at <paramref name="Since"/>.</summary>
    public sealed record ClosedByStaff(DateOnly Week, string WeekLabel, DateTimeOffset Since) : LeadCheck;

    /// <summary>The date names no week of the term, or a week without papers to lead.</summary>
    public sealed record NoPapers(DateOnly Week, string Why) : LeadCheck;
}
