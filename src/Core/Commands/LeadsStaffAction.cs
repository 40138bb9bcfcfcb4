namespace CourseBot.Core.Commands;

/// <summary>What staff ask of /leads: assign or remove a lead, close or reopen a week's sign-ups.</summary>
public abstract record LeadsStaffAction
{
    private protected LeadsStaffAction()
    {
    }

    /// <param name="Paper">A key or words naming the paper.</param>
    /// <param name="User">The user as typed: a mention ("&lt;@80351110224678912&gt;", "&lt;@U0123ABCD|ada&gt;") or an id.</param>
    public sealed record Assign(string Paper, string User) : LeadsStaffAction;

    public sealed record Remove(string Paper, string User) : LeadsStaffAction;

    public sealed record Close(WeekQuery Week) : LeadsStaffAction;

    public sealed record Open(WeekQuery Week) : LeadsStaffAction;

    /// <summary>A staff action with something missing; <paramref name="Usage"/> is how to write it.</summary>
    public sealed record Incomplete(string Usage) : LeadsStaffAction;
}
