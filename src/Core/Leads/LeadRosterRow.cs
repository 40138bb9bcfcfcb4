namespace CourseBot.Core.Leads;

/// <summary>
/// One sign-up as the roster export lists it (the gradebook's columns). A sign-up whose paper no longer has a
/// class has no week or class date, and is still listed, so nothing disappears from the export silently.
/// </summary>
/// <param name="Week">The week's number; null for an unnumbered week or a paper without a class.</param>
/// <param name="ClassDate">The date of the class that discusses the paper, in the course's time zone.</param>
/// <param name="WaitlistPosition">Null for a lead; 1, 2, … on the waitlist.</param>
public sealed record LeadRosterRow(
    int? Week,
    DateOnly? ClassDate,
    string PaperKey,
    string Title,
    string UserId,
    string DisplayName,
    string Platform,
    DateTimeOffset SignedUpAt,
    int? WaitlistPosition);
