namespace CourseBot.Core.Replies;

/// <summary>A count with its noun in the right number: "1 warning", "2 warnings" (regular plurals only).</summary>
public static class Counted
{
    public static string Of(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
