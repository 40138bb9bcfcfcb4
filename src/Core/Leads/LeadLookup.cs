using CourseBot.Core.ReadingList;

namespace CourseBot.Core.Leads;

/// <summary>What "/lead &lt;words&gt;" names: one paper to lead, several to choose from, a paper that cannot be led, or nothing.</summary>
public abstract record LeadLookup
{
    private protected LeadLookup()
    {
    }

    public sealed record Found(LeadablePaper Paper) : LeadLookup;

    /// <summary>The words fit several papers equally well; the student picks one.</summary>
    public sealed record Several(string Words, IReadOnlyList<LeadablePaper> Papers) : LeadLookup;

    /// <summary>The words name a paper of the course that nobody can sign up to lead; <paramref name="Why"/> says why.</summary>
    public sealed record NotLeadable(Paper Paper, string Why) : LeadLookup;

    /// <summary>No paper matches; <paramref name="Closest"/> are leadable papers with similar words.</summary>
    public sealed record NothingFound(string Words, IReadOnlyList<LeadablePaper> Closest) : LeadLookup;
}
