using CourseBot.Core.Calendar;

namespace CourseBot.Core.Commands;

/// <summary>
/// Every week's names (title, topics, parts) as <see cref="TopicMatcher"/> compares them: split, lower-cased,
/// their initials and their words run together. Built once per snapshot, so reading a question does not
/// split every name of the term again.
/// </summary>
internal sealed class WeekNames
{
    public WeekNames(TermCalendar calendar) =>
        All = calendar.Weeks
            .SelectMany(week => TopicMatcher.NamesOf(week).Select(name => (week, Name.Of(name))))
            .ToArray();

    /// <summary>Each week's names in calendar order, a week's in the order <see cref="TopicMatcher.NamesOf"/> gives them.</summary>
    public IReadOnlyList<(CourseWeek Week, Name Name)> All { get; }

    public sealed record Name(string[] Words, string Initials, string LongInitials, string Joined)
    {
        public static Name Of(string name)
        {
            var words = TopicMatcher.Normalize(name);
            return new Name(
                words,
                TopicMatcher.Initials(words),
                TopicMatcher.Initials(words.Where(w => w.Length > 2)),
                string.Concat(words));
        }
    }
}
