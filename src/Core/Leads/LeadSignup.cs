namespace CourseBot.Core.Leads;

/// <summary>
/// One student signed up to lead one paper's discussion. Sign-ups name the paper by key, so a paper
/// that moves to another week or class takes its leads along.
/// </summary>
/// <param name="WaitlistPosition">Null for a lead; 1, 2, … for the waitlist, in order.</param>
public sealed record LeadSignup(string CourseId, string PaperKey, LeadStudent Student, DateTimeOffset SignedUpAt, int? WaitlistPosition);
