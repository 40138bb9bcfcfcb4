namespace CourseBot.Core.Commands;

/// <summary>Which week a student asks about: "this week", "next week", "week 3", or a topic name.</summary>
public abstract record WeekQuery
{
    private protected WeekQuery()
    {
    }

    public sealed record ThisWeek : WeekQuery;

    public sealed record NextWeek : WeekQuery;

    public sealed record LastWeek : WeekQuery;

    public sealed record Numbered(int Number) : WeekQuery;

    /// <summary>A topic name or part of one ("serving", "MoE", "Part 3").</summary>
    public sealed record Named(string Text) : WeekQuery;
}
