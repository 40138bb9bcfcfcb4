namespace CourseBot.Bot.Leads;

/// <summary>
/// The counting rules a claim is decided by, from the course's <c>leads:</c> section.
/// </summary>
/// <param name="PerPaper">Leads one paper can have; a staff assignment respects it too.</param>
/// <param name="PerStudent">Papers one student may lead or wait for in the term (waitlist places count, so a promotion never exceeds it).</param>
/// <param name="Waitlist">Whether a full paper takes a waitlist.</param>
/// <param name="IgnorePerStudent">A staff assignment: may exceed <paramref name="PerStudent"/>, never <paramref name="PerPaper"/>.</param>
public sealed record LeadLimits(int PerPaper, int PerStudent, bool Waitlist, bool IgnorePerStudent = false);
