namespace CourseBot.Core.Calendar;

/// <summary>Days without class, first to last inclusive. Covering every class day of a week makes it a holiday week.</summary>
public sealed record Holiday(string Name, DateOnly First, DateOnly Last)
{
    public bool Covers(DateOnly day) => day >= First && day <= Last;
}
