namespace CourseBot.Bot.Leads;

/// <summary>The answer to <see cref="ILeadStore.ClaimAsync"/>: one of the nested cases.</summary>
#pragma warning disable CA1034 // The cases are nested so that a switch names them as LeadClaim.Full etc.
public abstract record LeadClaim
{
    private LeadClaim()
    {
    }

    /// <summary>The student now leads the paper.</summary>
    public sealed record Claimed : LeadClaim;

    /// <summary>The paper was full; the student waits at <paramref name="Position"/> (1 = next to be promoted).</summary>
    public sealed record Waitlisted(int Position) : LeadClaim;

    /// <summary>The student already leads this paper; nothing changed.</summary>
    public sealed record AlreadyLeading : LeadClaim;

    /// <summary>The student already waits for this paper at <paramref name="Position"/>; nothing changed.</summary>
    public sealed record AlreadyWaitlisted(int Position) : LeadClaim;

    /// <summary>Every slot is taken and the course has no waitlist.</summary>
    public sealed record Full : LeadClaim;

    /// <summary>The student leads or waits for their maximum number of papers already: these, in sign-up order.</summary>
    public sealed record AtMaximum(IReadOnlyList<string> PaperKeys) : LeadClaim;
}
#pragma warning restore CA1034
