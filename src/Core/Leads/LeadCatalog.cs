using CourseBot.Core.Calendar;
using CourseBot.Core.ReadingList;
using CourseBot.Core.Search;

namespace CourseBot.Core.Leads;

/// <summary>
/// The papers of one course snapshot that students can sign up to lead, each with its week and class, in term
/// order. Built from the snapshot, so a paper the reading list moves takes its place (and its leads) along.
/// </summary>
public sealed class LeadCatalog
{
    /// <summary>How many search matches are weighed before choosing; the list to choose from is shorter.</summary>
    private const int Candidates = 25, Choices = 10;

    /// <summary>A match scoring under this share of the best one is not a real alternative to it.</summary>
    private const double CloseEnough = 0.5;

    private readonly Dictionary<string, LeadablePaper> _byKey;

    public LeadCatalog(CourseSnapshot course, LeadsPolicy policy)
    {
        Course = course;
        Policy = policy;
        var papers = new List<LeadablePaper>();
        _byKey = new Dictionary<string, LeadablePaper>(StringComparer.OrdinalIgnoreCase);
        foreach (var week in course.Calendar.Weeks.Where(w => !w.IsHoliday))
        {
            foreach (var meeting in week.Meetings)
            {
                // A paper a plan schedules twice is led where it is first discussed.
                foreach (var reading in meeting.Readings.Where(r => r.Key is { Length: > 0 } && IsChosen(r) && !_byKey.ContainsKey(r.Key)))
                {
                    var paper = new LeadablePaper(reading, week, meeting);
                    papers.Add(paper);
                    _byKey[paper.Key] = paper;
                }
            }
        }

        Papers = papers;
    }

    /// <summary>The catalog of a course with sign-ups; null when its course file has no <c>leads:</c> section.</summary>
    public static LeadCatalog? For(CourseSnapshot course) => course.Course.Leads is { } policy ? new LeadCatalog(course, policy) : null;

    public CourseSnapshot Course { get; }

    public LeadsPolicy Policy { get; }

    /// <summary>Every paper that can be led, in term order (week, class, page order).</summary>
    public IReadOnlyList<LeadablePaper> Papers { get; }

    /// <summary>The paper with this key (any case); null when it cannot be led.</summary>
    public LeadablePaper? Find(string key) => _byKey.GetValueOrDefault(key.Trim());

    /// <summary>The papers of the week starting on <paramref name="weekStart"/> (its Monday).</summary>
    public IReadOnlyList<LeadablePaper> InWeek(DateOnly weekStart) => Papers.Where(p => p.WeekStart == weekStart).ToArray();

    /// <summary>
    /// The paper a student means by a key or by words ("hybridflow", "hybrid flow", "hybridflw"), through the
    /// course's paper search; several equally good matches are offered to choose from.
    /// </summary>
    public LeadLookup Lookup(string words)
    {
        var query = words.Trim();
        if (Find(query) is { } exact)
        {
            return new LeadLookup.Found(exact);
        }

        var matches = Course.Search.Find(query, Candidates);
        if (matches.Count == 0)
        {
            var close = Course.Search.Suggest(query, Choices).Select(m => Find(m.Paper.Key)).OfType<LeadablePaper>().ToArray();
            return new LeadLookup.NothingFound(query, close);
        }

        var best = matches[0];
        var alternatives = matches.Where(m => m.Score >= best.Score * CloseEnough).ToArray();
        var leadable = alternatives.Select(m => Find(m.Paper.Key)).OfType<LeadablePaper>().ToArray();
        if (Find(best.Paper.Key) is null && (alternatives.Length == 1 || leadable.Length == 0))
        {
            return new LeadLookup.NotLeadable(best.Paper, WhyNot(best));
        }

        return leadable.Length switch
        {
            1 => new LeadLookup.Found(leadable[0]),
            0 => new LeadLookup.NothingFound(query, matches.Select(m => Find(m.Paper.Key)).OfType<LeadablePaper>().Take(Choices).ToArray()),
            _ => new LeadLookup.Several(query, leadable.Take(Choices).ToArray()),
        };
    }

    /// <summary>Why a paper of the course is not in the catalog, in words for the student.</summary>
    internal string WhyNot(PaperMatch match)
    {
        var readings = match.Readings;
        var scheduled = readings.Any(r => Course.Calendar.Weeks.Any(w => w.Meetings.Any(m => m.Readings.Contains(r))));
        if (!scheduled)
        {
            return "no class of the term discusses it";
        }

        return Policy.Papers switch
        {
            LeadablePapers.Required when !readings.Any(r => r.IsRequired) => "it is optional reading, and in this course students lead the required papers",
            LeadablePapers.Listed => "it is not one of the papers students lead in this course",
            _ => "no class of the term discusses it",
        };
    }

    private bool IsChosen(Reading reading) => Policy.Papers switch
    {
        LeadablePapers.Required => reading.IsRequired,
        LeadablePapers.All => true,
        LeadablePapers.Listed => Policy.PaperKeys.Contains(reading.Key!, StringComparer.Ordinal),
        _ => false,
    };
}
