using CourseBot.Core.Calendar;
using CourseBot.Core.ReadingList;

namespace CourseBot.Core.Leads;

/// <summary>
/// Checks the keys a <c>leads.papers</c> list names against the reading list and the term, where the course file
/// meets its reading list (the calendar), the same place the plan's keys are checked.
/// </summary>
internal static class LeadsPaperCheck
{
    public static void Report(CourseDefinition course, CourseReadingList readingList, IReadOnlyList<CourseWeek> weeks, List<Diagnostic> diagnostics)
    {
        // An unreadable reading list has its own error; every key would only look unknown.
        if (course.Leads is not { Papers: LeadablePapers.Listed } policy || !readingList.ReadingListComplete)
        {
            return;
        }

        var known = readingList.Readings.Select(r => r.Key).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        var discussed = weeks.SelectMany(w => w.Meetings).SelectMany(m => m.Readings).Select(r => r.Key).OfType<string>().ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < policy.PaperKeys.Count; i++)
        {
            var key = policy.PaperKeys[i];
            var at = i < policy.PaperKeysAt.Count ? policy.PaperKeysAt[i] : policy.At ?? new SourceLocation(course.SourcePath, 1, 1);
            if (!known.Contains(key, StringComparer.Ordinal))
            {
                diagnostics.Add(Diagnostic.Error(at, $"leads.papers names paper \"{key}\", which is not on the reading list", Suggestions.DidYouMean(key, known) ?? "use keys from the reading list"));
            }
            else if (!discussed.Contains(key))
            {
                diagnostics.Add(Diagnostic.Warning(at, $"leads.papers names paper \"{key}\", which no class of the term discusses, so nobody can sign up to lead it", "plan it into a week with classes, or remove it from leads.papers"));
            }
        }
    }
}
