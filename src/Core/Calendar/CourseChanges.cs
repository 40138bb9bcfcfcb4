using System.Globalization;
using CourseBot.Core.ReadingList;
using CourseBot.Core.Replies;

namespace CourseBot.Core.Calendar;

/// <summary>
/// What students see changed between two served versions of a course: papers added, removed, moved between
/// weeks or classes, made required or optional, focus labels, class dates and week topics. Weeks are matched
/// by their dates (not their numbers, which an edit may shift); papers by key. A change nobody sees (a
/// typo in a title, a reordered file) is no change.
/// </summary>
public sealed record CourseChanges(IReadOnlyList<WeekChange> Weeks)
{
    public bool IsEmpty => Weeks.Count == 0;

    /// <summary>One line per week, items joined with " · ", paper titles between asterisks.</summary>
    public override string ToString() => string.Join('\n', Weeks);

    /// <summary>The "what changed" notice posted to the course's channels: one paragraph per week, titles in bold.</summary>
    public Reply ToNotice(CourseSnapshot course)
    {
        var blocks = new List<ReplyBlock>();
        foreach (var week in Weeks)
        {
            var spans = new List<Span> { new Span.Text($"{week.Week}: ", Bold: true) };
            for (var i = 0; i < week.Items.Count; i++)
            {
                var item = week.Items[i];
                spans.Add(new Span.Text(i == 0 ? "" : " · "));
                if (item.Paper is not null)
                {
                    spans.Add(new Span.Text(item.Paper, Bold: true));
                    spans.Add(new Span.Text(" "));
                }

                spans.Add(new Span.Text(item.Says));
            }

            blocks.Add(new ReplyBlock.Paragraph([.. spans]));
        }

        return new Reply($"✏️ What changed · {course.Course.Name}", blocks, course.TimeZone);
    }

    public static CourseChanges Between(CourseSnapshot before, CourseSnapshot after) =>
        Between(CourseOutline.Of(before), CourseOutline.Of(after));

    /// <summary>The same comparison from outlines (one of them may have been stored: see <see cref="CourseOutline"/>).</summary>
    public static CourseChanges Between(CourseOutline before, CourseOutline after)
    {
        var was = Placements(before);
        var now = Placements(after);
        var beforeWeeks = before.Weeks.ToDictionary(w => w.Start);
        var changes = new List<(DateOnly Start, string Label, List<ChangeItem> Items)>();

        List<ChangeItem> ItemsOf(WeekOutline week)
        {
            var start = week.Start;
            var found = changes.FindIndex(c => c.Start == start);
            if (found >= 0)
            {
                return changes[found].Items;
            }

            var items = new List<ChangeItem>();
            changes.Add((start, week.Label, items));
            return items;
        }

        foreach (var week in after.Weeks)
        {
            if (beforeWeeks.TryGetValue(week.Start, out var old) && old.HasReadings && week.HasReadings && old.Title != week.Title && week.Title is not null)
            {
                ItemsOf(week).Add(new ChangeItem(null, $"topic is now {week.Title}"));
            }

            foreach (var reading in week.Readings)
            {
                var placed = now[reading.Key];
                if (placed.Week.Start != week.Start)
                {
                    continue; // A paper read in two weeks is judged where it first appears.
                }

                if (!was.TryGetValue(reading.Key, out var earlier))
                {
                    ItemsOf(week).Add(new ChangeItem(reading.Title, "added"));
                    continue;
                }

                if (earlier.Week.Start != week.Start)
                {
                    ItemsOf(week).Add(new ChangeItem(reading.Title, $"moved here from {earlier.Week.Label}"));
                }
                else if (placed.Reading.Meeting >= 0 && earlier.Reading.Meeting >= 0 && earlier.Reading.Meeting != placed.Reading.Meeting)
                {
                    ItemsOf(week).Add(new ChangeItem(reading.Title, $"moved to the {Day(week.Meetings[placed.Reading.Meeting])} class"));
                }

                if (RequirementChange(earlier.Reading.Requirement, reading.Requirement) is { } says)
                {
                    ItemsOf(week).Add(new ChangeItem(reading.Title, says));
                }
            }
        }

        foreach (var (key, earlier) in was)
        {
            if (!now.ContainsKey(key))
            {
                var week = after.Weeks.FirstOrDefault(w => w.Start == earlier.Week.Start) ?? earlier.Week;
                ItemsOf(week).Add(new ChangeItem(earlier.Reading.Title, "removed"));
            }
        }

        foreach (var week in after.Weeks)
        {
            if (beforeWeeks.TryGetValue(week.Start, out var old) && !old.IsHoliday && !week.IsHoliday)
            {
                ClassDates(old, week, ItemsOf);
            }
        }

        var ordered = changes.Where(c => c.Items.Count > 0).OrderBy(c => c.Start).Select(c => new WeekChange(c.Label, c.Items)).ToArray();
        return new CourseChanges(ordered);
    }

    private static void ClassDates(WeekOutline old, WeekOutline week, Func<WeekOutline, List<ChangeItem>> itemsOf)
    {
        var was = old.Meetings.ToArray();
        var now = week.Meetings.ToArray();
        if (was.SequenceEqual(now))
        {
            return;
        }

        if (was.Length == now.Length)
        {
            for (var i = 0; i < was.Length; i++)
            {
                if (was[i] != now[i])
                {
                    var to = Day(was[i]) == Day(now[i]) ? $"{Time(now[i])}" : Day(now[i]);
                    itemsOf(week).Add(new ChangeItem(null, $"{Day(was[i])} class moved to {to}"));
                }
            }

            return;
        }

        foreach (var gone in was.Where(w => !now.Contains(w)))
        {
            itemsOf(week).Add(new ChangeItem(null, $"{Day(gone)} class cancelled"));
        }

        foreach (var added in now.Where(n => !was.Contains(n)))
        {
            itemsOf(week).Add(new ChangeItem(null, $"class added on {Day(added)}"));
        }
    }

    private static string? RequirementChange(Requirement was, Requirement now)
    {
        if (was == now)
        {
            return null;
        }

        var focus = now.Label is null ? "" : $" (focus: {now.Label})";
        return (was.IsRequired, now.IsRequired) switch
        {
            (false, true) => $"is now required{focus}",
            (true, false) => "is now optional",
            _ => now.Label is null ? "no longer has a focus" : $"focus is now {now.Label}",
        };
    }

    private sealed record Placement(WeekOutline Week, ReadingOutline Reading);

    private static Dictionary<string, Placement> Placements(CourseOutline course)
    {
        var placements = new Dictionary<string, Placement>(StringComparer.Ordinal);
        foreach (var week in course.Weeks)
        {
            foreach (var reading in week.Readings)
            {
                placements.TryAdd(reading.Key, new Placement(week, reading));
            }
        }

        return placements;
    }

    private static string Day(DateTimeOffset at) => at.ToString("ddd MMM d", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset at) => at.ToString("ddd MMM d HH:mm", CultureInfo.InvariantCulture);
}
