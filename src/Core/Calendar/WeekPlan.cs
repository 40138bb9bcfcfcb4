using CourseBot.Core.ReadingList;

namespace CourseBot.Core.Calendar;

/// <summary>
/// Hands out what each teaching week covers, in order: by default one reading-list topic per week; with an
/// explicit plan, its entries (a topic, chosen papers, or a titled week without readings).
/// </summary>
internal sealed class WeekPlan
{
    private readonly Queue<Assignment> _queue = new();
    private readonly List<(PlanEntry Entry, int Week)> _starts = [];
    private readonly List<Diagnostic> _diagnostics;
    private readonly CourseReadingList _readingList;
    private readonly CourseDefinition _course;

    public WeekPlan(CourseDefinition course, CourseReadingList readingList, List<Diagnostic> diagnostics)
    {
        _course = course;
        _readingList = readingList;
        _diagnostics = diagnostics;
        if (course.Plan is null)
        {
            foreach (var topic in readingList.Topics)
            {
                _queue.Enqueue(new Assignment(topic.Name, [topic], topic.Readings, null));
            }

            return;
        }

        foreach (var entry in course.Plan)
        {
            var assignment = Resolve(entry);
            for (var i = 0; i < entry.Weeks; i++)
            {
                _queue.Enqueue(assignment with { StartWeek = i == 0 ? entry.StartWeek : null, Entry = entry });
            }
        }
    }

    public bool HasMore => _queue.Count > 0;

    /// <summary>What week <paramref name="number"/> covers; nothing when the plan has run out or starts later.</summary>
    public Assignment Next(int number)
    {
        if (_queue.TryPeek(out var next) && next.StartWeek is { } start)
        {
            if (start > number)
            {
                return Assignment.Nothing;
            }

            if (start < number)
            {
                _diagnostics.Add(Diagnostic.Warning(next.Entry!.Location, $"this plan entry asks for week {start}, but the entries before it already reach week {number}", "remove `week:` or shorten the entries before it"));
            }
        }

        return _queue.TryDequeue(out var assignment) ? assignment : Assignment.Nothing;
    }

    /// <summary>Warns about topics the term ends before reaching.</summary>
    public void ReportUnscheduled(IReadOnlyList<CourseWeek> weeks)
    {
        foreach (var left in _queue.Where(a => a.Topics.Count > 0).Select(a => a.Topics[0]).Distinct())
        {
            var at = _course.Plan is null ? left.Location : _queue.First(a => a.Topics.Contains(left)).Entry!.Location;
            _diagnostics.Add(Diagnostic.Warning(at, $"topic \"{left.Name}\" is never scheduled: the term ends ({(weeks.Count > 0 ? weeks[^1].End : (DateOnly?)null):yyyy-MM-dd}) before its week", "extend lastDay in the course file, or plan topics explicitly"));
        }
    }

    private Assignment Resolve(PlanEntry entry)
    {
        if (entry.Topic is { } name)
        {
            var topic = FindTopic(name);
            if (topic is null)
            {
                var names = _readingList.Topics.Select(t => t.Name).ToArray();
                if (!_readingList.ReadingListComplete)
                {
                    // The reading list's own error says why; listing its (no) topics would only add noise.
                    return new Assignment(entry.Title ?? name, [], [], null);
                }

                _diagnostics.Add(Diagnostic.Error(entry.Location, $"the plan names topic \"{name}\", which the reading list does not have", Suggestions.DidYouMean(name, names) ?? (names.Length == 0 ? "the reading list has no topics yet" : $"the topics are: {string.Join("; ", names)}")));
                return new Assignment(entry.Title ?? name, [], [], null);
            }

            return new Assignment(entry.Title ?? topic.Name, [topic], topic.Readings, null) { Classes = Classes(entry, topic.Readings) };
        }

        if (entry.Papers.Count > 0)
        {
            var readings = new List<Reading>();
            foreach (var key in entry.Papers)
            {
                var reading = _readingList.Readings.FirstOrDefault(r => r.Key == key);
                if (reading is null)
                {
                    if (!_readingList.ReadingListComplete)
                    {
                        continue;
                    }

                    _diagnostics.Add(Diagnostic.Error(entry.Location, $"the plan names paper \"{key}\", which is not on the reading list", Suggestions.DidYouMean(key, _readingList.Readings.Select(r => r.Key).OfType<string>().Distinct()) ?? "use keys from the reading list"));
                    continue;
                }

                readings.Add(reading);
            }

            var topics = _readingList.Topics.Where(t => t.Readings.Any(readings.Contains)).ToArray();
            return new Assignment(entry.Title ?? string.Join(" · ", topics.Select(t => t.Name)), topics, readings, null) { Classes = Classes(entry, readings) };
        }

        return new Assignment(entry.Title, [], [], null) { Classes = Classes(entry, []) };
    }

    /// <summary>
    /// The entry's <c>classes:</c> as the week's readings, one list per class meeting (page order within a
    /// class); null when the entry has none. Readings named in no list are left to the week's last class.
    /// </summary>
    private IReadOnlyList<IReadOnlyList<Reading>>? Classes(PlanEntry entry, IReadOnlyList<Reading> readings)
    {
        if (entry.Classes is not { } planned)
        {
            return null;
        }

        var named = new HashSet<Reading>();
        var classes = new List<IReadOnlyList<Reading>>();
        foreach (var plannedClass in planned)
        {
            var picked = new HashSet<Reading>();
            foreach (var paper in plannedClass.Papers)
            {
                if (readings.FirstOrDefault(r => r.Key == paper.Key) is { } reading)
                {
                    picked.Add(reading);
                    named.Add(reading);
                }
                else if (_readingList.ReadingListComplete)
                {
                    _diagnostics.Add(NotThisWeeks(paper, readings));
                }
            }

            classes.Add(readings.Where(picked.Contains).ToArray());
        }

        var unnamed = readings.Where(r => !named.Contains(r)).ToArray();
        if (unnamed.Length > 0 && _readingList.ReadingListComplete)
        {
            var names = string.Join(", ", unnamed.Select(r => r.Key ?? r.Title ?? "(untitled entry)"));
            var verb = unnamed.Length == 1 ? "is in no class list; it goes" : "are in no class list; they go";
            _diagnostics.Add(Diagnostic.Warning(entry.Location, $"{names} {verb} to the week's last class", "name every paper of the week in one of the classes: lists"));
        }

        return classes;
    }

    private Diagnostic NotThisWeeks(PlannedPaper paper, IReadOnlyList<Reading> readings)
    {
        var weekKeys = readings.Select(r => r.Key).OfType<string>().ToArray();
        var these = weekKeys.Length == 0 ? "this entry has no papers" : $"this entry's papers are {string.Join(", ", weekKeys)}";
        if (_readingList.Readings.Any(r => r.Key == paper.Key))
        {
            return Diagnostic.Error(paper.Location, $"classes names paper \"{paper.Key}\", which is not among this entry's papers", $"{these}; to discuss it this week, list it under papers:");
        }

        return Diagnostic.Error(paper.Location, $"classes names paper \"{paper.Key}\", which is not on the reading list", Suggestions.DidYouMean(paper.Key, weekKeys) ?? these);
    }

    /// <summary>Finds a topic by its name, its part's heading or name, or "Part N".</summary>
    private Topic? FindTopic(string name) =>
        _readingList.Topics.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? _readingList.Topics.FirstOrDefault(t => t.Heading is null && t.Part is { } part
            && (string.Equals(part.Heading, name, StringComparison.OrdinalIgnoreCase)
                || string.Equals(part.Name, name, StringComparison.OrdinalIgnoreCase)
                || string.Equals($"Part {part.Number}", name, StringComparison.OrdinalIgnoreCase)));

    internal sealed record Assignment(string? Title, IReadOnlyList<Topic> Topics, IReadOnlyList<Reading> Readings, int? StartWeek)
    {
        public static Assignment Nothing { get; } = new(null, [], [], null);

        public PlanEntry? Entry { get; init; }

        /// <summary>The readings of each class meeting as the plan names them; null for the even split.</summary>
        public IReadOnlyList<IReadOnlyList<Reading>>? Classes { get; init; }
    }
}
