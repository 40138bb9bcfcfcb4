namespace CourseBot.Core.Calendar;

/// <summary>One thing students see changed: a paper (shown emphasised) and what happened to it, or a class date.</summary>
/// <param name="Paper">The paper's title, or null for a change of the class dates or the week's topic.</param>
/// <param name="Says">What happened, e.g. "is now required (focus: Serving)", "added", "Thu Oct 2 class moved to Fri Oct 3".</param>
public sealed record ChangeItem(string? Paper, string Says)
{
    public override string ToString() => Paper is null ? Says : $"*{Paper}* {Says}";
}
