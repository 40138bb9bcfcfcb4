namespace CourseBot.Core.Calendar;

/// <summary>What changed in one week, as students know it ("Week 5").</summary>
public sealed record WeekChange(string Week, IReadOnlyList<ChangeItem> Items)
{
    public override string ToString() => $"{Week}: {string.Join(" · ", Items)}";
}
