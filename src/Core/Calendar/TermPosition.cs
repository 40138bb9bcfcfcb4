namespace CourseBot.Core.Calendar;

/// <summary>Where an instant falls relative to the term.</summary>
public abstract record TermPosition
{
    private TermPosition()
    {
    }

    /// <summary>Before the first week starts; <paramref name="FirstWeek"/> is week 1.</summary>
    public sealed record BeforeTerm(CourseWeek FirstWeek) : TermPosition;

    /// <summary>Inside the term; <paramref name="Week"/> may be a holiday week.</summary>
    public sealed record InTerm(CourseWeek Week) : TermPosition;

    /// <summary>After the last week ended.</summary>
    public sealed record AfterTerm(CourseWeek LastWeek) : TermPosition;
}
