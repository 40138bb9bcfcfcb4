using CourseBot.Core.Leads;

namespace CourseBot.Bot.Leads;

/// <summary>The answer to <see cref="ILeadStore.DropAsync"/>: one of the nested cases.</summary>
#pragma warning disable CA1034 // The cases are nested so that a switch names them as LeadDrop.Dropped etc.
public abstract record LeadDrop
{
    private LeadDrop()
    {
    }

    /// <summary>The student had no sign-up (for that paper); nothing changed.</summary>
    public sealed record NotSignedUp : LeadDrop;

    /// <summary>
    /// The student's sign-up for <paramref name="PaperKey"/> is gone. <paramref name="Promoted"/>: the
    /// waitlisted student who took the freed slot (now a lead, <see cref="LeadSignup.WaitlistPosition"/> null), to be told.
    /// </summary>
    public sealed record Dropped(string PaperKey, LeadSignup? Promoted) : LeadDrop;
}
#pragma warning restore CA1034
