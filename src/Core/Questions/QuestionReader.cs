using CourseBot.Core.Calendar;
using CourseBot.Core.Commands;
using CourseBot.Core.Search;

namespace CourseBot.Core.Questions;

/// <summary>
/// Reads a question in plain English ("which papers are required for thursday?", "who wrote
/// PagedAttention", "is there class next Thursday") as one of the things the bot already answers,
/// with the course's calendar and reading list as context. Deterministic and local: keyword cues
/// for what is asked, the term calendar for when, the paper search and topic names for what. When
/// two readings fit it asks back; when nothing fits it says what it can answer instead of guessing.
/// </summary>
public static class QuestionReader
{
    // The cues, after QuestionWords has normalized spelling.
    private static readonly HashSet<string> LeadCues = Set("lead", "leads", "leading", "leader", "leaders", "presenter", "presenters", "presenting", "presents", "present", "signup", "signups", "signed", "discussant", "discussants");
    private static readonly HashSet<string> HolidayCues = Set("thanksgiving", "break", "holiday", "holidays", "vacation", "recess");
    private static readonly HashSet<string> ClassCues = Set("class", "classes", "lecture", "lectures", "meeting", "meetings", "meet", "session", "seminar");
    private static readonly HashSet<string> DueCues = Set("due", "deadline", "deadlines", "response", "responses", "submit", "submission", "reflection", "reflections");
    private static readonly HashSet<string> ScheduleCues = Set("schedule", "syllabus", "calendar", "semester", "overview", "plan");
    private static readonly HashSet<string> AuthorCues = Set("wrote", "write", "written", "author", "authors", "authored", "writer", "writers");
    private static readonly HashSet<string> VenueCues = Set("venue", "published", "publish", "publication", "conference", "journal", "appear", "appeared", "presented");
    private static readonly HashSet<string> LinkCues = Set("link", "links", "url", "pdf", "download", "find", "access", "arxiv");
    private static readonly HashSet<string> RequiredCues = Set("required", "must", "need", "needed", "necessary", "skip", "should", "have");
    private static readonly HashSet<string> OptionalCues = Set("optional", "extra", "additional", "bonus", "recommended", "supplementary", "suggested");
    private static readonly HashSet<string> ReadCues = Set("read", "reading", "readings", "paper", "papers", "assigned", "homework", "article", "articles", "list");
    private static readonly HashSet<string> TopicCues = Set("topic", "topics", "about", "cover", "covering", "covered", "covers", "learning", "discuss", "discussing", "discussed", "subject", "theme", "focus", "studying", "going", "doing", "talk", "talking");
    private static readonly HashSet<string> WhenCues = Set("when", "week", "day", "date");
    private static readonly HashSet<string> ReadVerbs = Set("read", "reading", "discuss", "discussing", "discussed", "cover", "covering", "covered", "do", "doing");
    private static readonly HashSet<string> HelpCues = Set("help", "commands", "command");

    // Words that carry no subject: greetings, pronouns, question words, verbs of asking.
    private static readonly HashSet<string> Filler = Set(
        "hey", "hi", "hello", "yo", "please", "thanks", "thank", "coursebot", "bot", "um", "uh", "so", "ok", "okay", "quick", "question",
        "can", "could", "would", "will", "you", "tell", "me", "i", "we", "us", "our", "my", "your", "the", "a", "an", "for", "of", "to", "in",
        "on", "at", "by", "is", "are", "was", "were", "be", "been", "do", "does", "did", "this", "that", "these", "those", "which", "what",
        "who", "where", "how", "whom", "whose", "it", "its", "there", "here", "and", "or", "not", "no", "yes", "any", "anything", "all", "some",
        "course", "cs", "395t", "395", "cs395t", "again", "just", "also", "still", "yet", "now", "exactly", "actually", "really", "guys", "lol",
        "btw", "know", "want", "wondering", "wonder", "ask", "asking", "am", "get", "go", "going", "time", "times", "next", "last", "this",
        "info", "information", "details", "detail", "show", "give", "list", "whole", "entire", "full", "term", "other", "one", "ones", "only",
        "as", "well", "with", "from", "if", "have", "has", "had", "need", "to", "gonna", "should", "must", "up", "out", "then", "than", "there",
        "supposed", "we're", "prepare", "prep", "before", "after", "until", "till", "upcoming", "coming", "current", "same", "sure", "happen",
        "happening", "cancelled", "canceled", "held", "start", "starts", "end", "ends", "everything", "stuff", "things", "thing", "like",
        "title", "named", "called", "name", "system", "work", "research", "both", "else", "more", "many", "much", "hw", "material", "materials",
        "prof", "professor", "instructor", "ta", "lol", "pls", "rn", "asap", "today", "left", "remaining", "again");

    private static readonly HashSet<string> Structure = Union(
        Filler, LeadCues, HolidayCues, ClassCues, DueCues, ScheduleCues, AuthorCues, VenueCues, LinkCues, RequiredCues, OptionalCues, ReadCues,
        TopicCues, WhenCues, HelpCues);

    public static QuestionReading Read(string text, CourseSnapshot course, DateTimeOffset now)
    {
        if (CommandParser.ParseBare(text) is { } command)
        {
            return new QuestionReading(QuestionKind.Command, ReadAsOf(command, text)) { Command = command };
        }

        var words = QuestionWords.Split(text);
        if (words.Count == 0)
        {
            return new QuestionReading(QuestionKind.Help, "/help");
        }

        var today = DateOnly.FromDateTime(course.Calendar.ToLocal(now).DateTime);
        var used = new bool[words.Count];
        var time = DayReference.Find(words, used, course, today);
        var cues = new HashSet<string>(StringComparer.Ordinal);
        var subject = new List<string>();
        for (var i = 0; i < words.Count; i++)
        {
            if (used[i])
            {
                continue;
            }

            cues.Add(words[i]);
            if (!Structure.Contains(words[i]))
            {
                subject.Add(words[i]);
            }
        }

        bool Any(HashSet<string> set) => cues.Overlaps(set);
        bool Phrase(string first, string second) => words.Zip(words.Skip(1)).Any(p => p.First == first && p.Second == second);

        // "can you write my response": a request, not a question the course answers.
        if (cues.Contains("my") && (cues.Contains("write") || cues.Contains("grade") || cues.Contains("grades")))
        {
            return NotUnderstood;
        }

        if (Any(LeadCues))
        {
            return LeadsQuestion(course, now, time, subject, cues);
        }

        if (time.IsAmbiguous)
        {
            return new QuestionReading(QuestionKind.AskBack, "asks back: which day?") { Choices = time.Choices };
        }

        var query = string.Join(' ', subject);
        var paper = subject.Count > 0 ? FindPaper(course, query) : PaperFound.Nothing;
        var topicScore = 0;
        var topicWeek = subject.Count > 0 && time.IsNone ? TopicMatcher.Best(query, course.WeekNames, out topicScore) : null;

        var requiredCue = cues.Contains("required") || cues.Contains("must") || cues.Contains("necessary") || cues.Contains("skip")
            || Phrase("have", "to") || Phrase("need", "to") || Phrase("needs", "to") || cues.Contains("should");
        var optionalCue = Any(OptionalCues);
        var scope = requiredCue && !optionalCue ? PaperScope.Required : optionalCue && !requiredCue ? PaperScope.Optional : PaperScope.All;
        var readCue = Any(ReadCues);
        var classCue = Any(ClassCues);
        var dueCue = Any(DueCues);

        // A holiday by name, or the term's breaks.
        if (Any(HolidayCues) && paper.Strong is null)
        {
            return time.Day is { } holidayDay
                ? new QuestionReading(QuestionKind.ClassOnDay, $"class on {DayReference.Spoken(holidayDay)}?") { Day = holidayDay }
                : new QuestionReading(QuestionKind.Holidays, "holidays (no class)");
        }

        if (dueCue)
        {
            if (time.Day is { } dueDay)
            {
                return new QuestionReading(QuestionKind.DayDeadlines, $"responses due {DayReference.Spoken(dueDay)}") { Day = dueDay };
            }

            if (time.Week is { } dueWeek)
            {
                var answer = WeekResolver.Resolve(dueWeek, course.Calendar, now);
                return new QuestionReading(QuestionKind.WeekDeadlines, $"response deadlines, {WeekSpoken(answer, dueWeek)}") { Week = answer };
            }

            if (paper.Strong is { } duePaper && WeekOf(course, duePaper) is { } paperWeek)
            {
                return new QuestionReading(QuestionKind.WeekDeadlines, $"response deadlines, {WeekLabels.Label(paperWeek).ToLowerInvariant()} ({Name(duePaper)})") { Week = new WeekAnswer.Found(paperWeek), Paper = duePaper };
            }

            return new QuestionReading(QuestionKind.NextDeadline, "next reading-response deadline");
        }

        // "is there class next Thursday", "what time is class", "when is the next lecture".
        if (classCue && !readCue && !Any(TopicCues) && paper.Strong is null && topicWeek is null && !requiredCue && !optionalCue)
        {
            if (time.Day is { } classDay)
            {
                return new QuestionReading(QuestionKind.ClassOnDay, $"class on {DayReference.Spoken(classDay)}?") { Day = classDay };
            }

            if (time.Week is null && subject.Count == 0)
            {
                return new QuestionReading(QuestionKind.ClassTimes, time.NextClass ? "the next class" : "class times");
            }
        }

        // A paper named clearly enough: what about it.
        // "the MoE week", "papers for serving": a topic wins over a paper of the same name unless "paper" is said.
        var topicFirst = topicScore >= 80 && !cues.Contains("paper") && (!readCue || cues.Contains("papers") || cues.Contains("readings") || cues.Contains("week"));
        if (paper.Strong is { } named && !topicFirst)
        {
            var key = Key(named);
            if (Any(AuthorCues))
            {
                return new QuestionReading(QuestionKind.PaperAuthors, $"/paper {key} (authors)") { Paper = named };
            }

            if (Any(LinkCues))
            {
                return new QuestionReading(QuestionKind.PaperLink, $"/paper {key} (link)") { Paper = named };
            }

            if (Any(VenueCues) || (cues.Contains("where") && !classCue))
            {
                return new QuestionReading(QuestionKind.PaperVenue, $"/paper {key} (venue)") { Paper = named };
            }

            if (requiredCue || optionalCue)
            {
                return new QuestionReading(QuestionKind.PaperRequired, $"/paper {key} (required?)") { Paper = named };
            }

            if (cues.Contains("topic") || cues.Contains("topics") || cues.Contains("part") || cues.Contains("area"))
            {
                return new QuestionReading(QuestionKind.PaperTopic, $"/paper {key} (topic)") { Paper = named };
            }

            if (Any(WhenCues) || Any(ClassCues) || cues.Overlaps(ReadVerbs))
            {
                return new QuestionReading(QuestionKind.PaperWhen, $"/paper {key} (when)") { Paper = named };
            }

            // Nothing asked but a name: only a system name or key (not a stray word that looks like a title word) is a paper.
            return named.Score >= NameScore ? new QuestionReading(QuestionKind.PaperDetails, $"/paper {key}") { Paper = named } : NotUnderstood;
        }

        var paperQuestion = Any(AuthorCues) || Any(VenueCues) || Any(LinkCues);
        if (paperQuestion && paper.Choices.Count > 0)
        {
            return new QuestionReading(QuestionKind.AskBack, "asks back: which paper?") { Choices = paper.Choices };
        }

        // The week asked about: a time, or a topic ("the MoE week").
        var week = time.Week;
        var day = time.Day;
        if (time.NextClass && NextMeeting(course, now) is { } meeting)
        {
            day = DateOnly.FromDateTime(course.Calendar.ToLocal(meeting.Start).DateTime);
        }

        WeekAnswer? resolved = null;
        var spoken = "";
        if (day is { } d)
        {
            resolved = AtDay(course, d);
            spoken = $"{WeekSpoken(resolved, null)} · {DayReference.Spoken(d)}";
        }
        else if (week is not null)
        {
            resolved = WeekResolver.Resolve(week, course.Calendar, now);
            spoken = WeekSpoken(resolved, week);
        }
        else if (topicWeek is not null && topicScore >= 50 && paper.Choices.Count == 0 || topicScore >= 80)
        {
            resolved = new WeekAnswer.Found(topicWeek!);
            spoken = WeekLabels.Label(topicWeek!).ToLowerInvariant();
        }
        else if (time.NextClass)
        {
            resolved = WeekResolver.Resolve(new WeekQuery.ThisWeek(), course.Calendar, now);
            spoken = "the next class";
        }

        if (resolved is null && paper.Choices.Count > 0 && (paperQuestion || requiredCue || optionalCue || Any(WhenCues) || readCue || subject.Count > 0))
        {
            return new QuestionReading(QuestionKind.AskBack, "asks back: which paper?") { Choices = paper.Choices };
        }

        if (resolved is null && subject.Count > 0 && (paperQuestion || ((requiredCue || optionalCue || Any(WhenCues)) && !classCue))
            && (readCue || NamesUnlistedPaper(course, subject)))
        {
            return new QuestionReading(QuestionKind.PaperNotFound, $"/paper {query}") { Unmatched = query };
        }

        if (resolved is not null)
        {
            var topicAsked = (Any(TopicCues) || Phrase("is", "on")) && !readCue && !requiredCue && !optionalCue;
            var whenAsked = cues.Contains("when") && !readCue && !requiredCue && !optionalCue;
            if (topicAsked || whenAsked || (readCue is false && requiredCue is false && optionalCue is false && topicWeek is not null))
            {
                return new QuestionReading(QuestionKind.WeekTopic, $"/reading {spoken} (topic)") { Week = resolved, Day = day };
            }

            if (subject.Count > 0 && !readCue && !requiredCue && !optionalCue && !classCue && topicWeek is null)
            {
                // "what's the weather tomorrow": a time, but nothing about the course.
                return NotUnderstood;
            }

            return Papers(resolved, scope, spoken, day);
        }

        if (Any(ScheduleCues) || Phrase("all", "week") || Phrase("every", "week"))
        {
            return new QuestionReading(QuestionKind.Schedule, "/schedule");
        }

        if ((readCue || requiredCue || optionalCue) && subject.Count == 0)
        {
            var thisWeek = WeekResolver.Resolve(new WeekQuery.ThisWeek(), course.Calendar, now);
            return Papers(thisWeek, scope, WeekSpoken(thisWeek, new WeekQuery.ThisWeek()), null);
        }

        if (classCue && subject.Count == 0)
        {
            return new QuestionReading(QuestionKind.ClassTimes, "class times");
        }

        if (Any(HelpCues) || Phrase("can", "you") && cues.Contains("what") && subject.Count == 0)
        {
            return new QuestionReading(QuestionKind.Help, "/help");
        }

        return NotUnderstood;
    }

    private static string ReadAsOf(CourseCommand command, string text) => command switch
    {
        CourseCommand.Reading reading => ("/reading " + WeekText(reading.Week)).TrimEnd(),
        CourseCommand.Required required => ("/required " + WeekText(required.Week)).TrimEnd(),
        CourseCommand.Paper paper => $"/paper {paper.Query}",
        CourseCommand.Search search => $"/search {search.Words}",
        CourseCommand.Schedule => "/schedule",
        CourseCommand.Help => "/help",
        _ => "/" + text.Trim(),
    };

    private static string WeekText(WeekQuery? week) => week switch
    {
        WeekQuery.Numbered n => $"week {n.Number}",
        WeekQuery.NextWeek => "next week",
        WeekQuery.LastWeek => "last week",
        _ => "",
    };

    private static QuestionReading NotUnderstood => new(QuestionKind.NotUnderstood, "not a question about the course");

    private static QuestionReading Papers(WeekAnswer week, PaperScope scope, string spoken, DateOnly? day) => new(
        QuestionKind.WeekPapers,
        scope switch
        {
            PaperScope.Required => $"/required {spoken}",
            PaperScope.Optional => $"/reading {spoken} (optional papers)",
            _ => $"/reading {spoken}",
        })
    {
        Week = week,
        Scope = scope,
        Day = day,
    };

    private static string WeekSpoken(WeekAnswer answer, WeekQuery? asked) => answer switch
    {
        WeekAnswer.Found found when found.Week.Number is { } n => $"week {n}",
        WeekAnswer.Found found => (found.Week.Holiday ?? "that week").ToLowerInvariant(),
        _ => asked switch
        {
            WeekQuery.NextWeek => "next week",
            WeekQuery.LastWeek => "last week",
            WeekQuery.Numbered n => $"week {n.Number}",
            _ => "this week",
        },
    };

    private static WeekAnswer AtDay(CourseSnapshot course, DateOnly day) =>
        course.Calendar.Locate(course.Calendar.LocalToInstant(day, new TimeOnly(12, 0))) switch
        {
            TermPosition.InTerm inTerm => new WeekAnswer.Found(inTerm.Week),
            TermPosition.BeforeTerm before => new WeekAnswer.BeforeTerm(before.FirstWeek),
            TermPosition.AfterTerm after => new WeekAnswer.AfterTerm(after.LastWeek),
            _ => throw new InvalidOperationException("unknown term position"),
        };

    internal static ClassMeeting? NextMeeting(CourseSnapshot course, DateTimeOffset now) =>
        course.Calendar.Weeks.SelectMany(w => w.Meetings).FirstOrDefault(m => m.Start > now);

    /// <summary>
    /// "who leads HybridFlow", "who's presenting next week", "what am I leading", "can I sign up to lead": the
    /// roster of the paper's or the week's class (the term's when neither is named), the asker's own sign-ups, or the sign-up menu. The
    /// host answers it from the sign-ups; a course without a <c>leads:</c> section says it has none.
    /// </summary>
    private static QuestionReading LeadsQuestion(CourseSnapshot course, DateTimeOffset now, DayReference time, List<string> subject, HashSet<string> cues)
    {
        if (course.Course.Leads is null)
        {
            return new QuestionReading(QuestionKind.Leads, "discussion leads (this course has none)");
        }

        // "can I sign up" asks for the menu; "what did I sign up for", "what am I signed up for" for the asker's sign-ups.
        var signingUp = (cues.Contains("sign") || cues.Contains("signup") || cues.Contains("volunteer")) && !cues.Contains("did") && !cues.Contains("signed");
        if (!signingUp && !cues.Contains("who") && (cues.Contains("i") || cues.Contains("me") || cues.Contains("my")))
        {
            // "what am I leading", "when do I present": the asker's own sign-ups, whatever paper or week they name.
            return new QuestionReading(QuestionKind.Leads, "/leads mine (your sign-ups)") { Command = new CourseCommand.Leads(null, null, Mine: true) };
        }

        var words = subject.Where(w => !LeadCues.Contains(w) && w is not ("sign" or "up" or "i" or "me" or "my" or "am" or "can" or "who" or "whos")).ToArray();
        var paper = words.Length > 0 ? FindPaper(course, string.Join(' ', words)) : PaperFound.Nothing;
        var week = paper.Strong is { } named ? WeekOf(course, named) : null;
        if (week is null && time.Day is { } day)
        {
            week = course.Calendar.Weeks.FirstOrDefault(w => w.Start <= day && day <= w.End);
        }

        if (week is null && time.Week is { } asked && WeekResolver.Resolve(asked, course.Calendar, now) is WeekAnswer.Found { Week: var found })
        {
            week = found;
        }

        if (week?.Number is { } number)
        {
            var about = paper.Strong is { } lead ? $" (who leads {Name(lead)})" : "";
            return new QuestionReading(QuestionKind.Leads, $"/leads week {number}{about}") { Command = new CourseCommand.Leads(new WeekQuery.Numbered(number), null) };
        }

        if (cues.Contains("sign") || cues.Contains("signup") || cues.Contains("volunteer"))
        {
            return new QuestionReading(QuestionKind.Leads, "/lead (papers with a free slot)") { Command = new CourseCommand.Lead(null, false) };
        }

        return new QuestionReading(QuestionKind.Leads, "/leads (the term's roster)") { Command = new CourseCommand.Leads(null, null) };
    }

    internal static CourseWeek? WeekOf(CourseSnapshot course, PaperMatch paper) =>
        paper.Readings.Select(course.WeeksOf).FirstOrDefault(w => w.Count > 0)?[0];

    /// <summary>How a paper is named in "Read as": its key, else its short name.</summary>
    internal static string Key(PaperMatch paper) => paper.Paper.Key.Length > 0 ? paper.Paper.Key : Name(paper);

    /// <summary>A paper's short name: the system name before a title's colon, else the title.</summary>
    internal static string Name(PaperMatch paper)
    {
        var title = paper.Paper.Title ?? paper.Paper.Key;
        var colon = title.IndexOf(':', StringComparison.Ordinal);
        return colon is > 0 and <= 40 ? title[..colon] : title;
    }

    private static PaperFound FindPaper(CourseSnapshot course, string query)
    {
        // "the focus for KV cache management": a focus label names the paper required for it.
        foreach (var reading in course.Search.WithFocusLabel(query))
        {
            // One-word labels ("Serving", "Network") are ordinary words in questions; only longer ones name a focus.
            if (reading.Requirement.Label is { } label && label.Contains(' ', StringComparison.Ordinal) && SameWords(label, query))
            {
                var readings = course.ReadingList.Readings.Where(r => r.Paper.Key == reading.Paper.Key).ToArray();
                return new PaperFound(new PaperMatch(reading.Paper, double.MaxValue, readings), []);
            }
        }

        var matches = course.Search.Find(query, limit: 4);
        if (matches.Count == 0)
        {
            return PaperFound.Nothing;
        }

        // A clear winner is a paper; several close ones are a question back. A single title word
        // ("megablocks") names a paper only when no other paper has it.
        var close = matches.Where(m => m.Score >= matches[0].Score * 0.75).ToArray();
        var strong = matches[0].Score >= MinimumScore || (matches.Count == 1 && query.Length >= 5 && matches[0].Score >= TitleWord);
        return close.Length == 1 && strong ? new PaperFound(matches[0], [])
            : close.Length > 1 && matches[0].Score >= TitleWord * Typo ? new PaperFound(null, close.Select(m => $"{Name(m)} ({Key(m)})").ToArray())
            : PaperFound.Nothing;
    }

    // Two title words, or one system name, key or their close misspelling; one title or author word alone is too little.
    private const double MinimumScore = 18, TitleWord = 10, Typo = 0.7, NameScore = 40;

    /// <summary>"Prefill/Decode Disaggregation" and "prefill decode disaggregation" are the same words.</summary>
    private static bool SameWords(string label, string query)
    {
        var at = 0;
        foreach (var c in label)
        {
            if (!char.IsLetterOrDigit(c))
            {
                if (at < query.Length && query[at] == ' ')
                {
                    at++;
                }

                continue;
            }

            if (at >= query.Length || char.ToLowerInvariant(c) != query[at])
            {
                return false;
            }

            at++;
        }

        return at == query.Length;
    }

    /// <summary>Whether a word names a paper of the papers file (by its key's stem) that the reading list does not use.</summary>
    private static bool NamesUnlistedPaper(CourseSnapshot course, List<string> subject)
    {
        foreach (var word in subject)
        {
            if (course.Search.IsKeyStem(word))
            {
                return true;
            }
        }

        return false;
    }

    private static HashSet<string> Set(params string[] words) => new(words, StringComparer.Ordinal);

    private static HashSet<string> Union(params HashSet<string>[] sets)
    {
        var all = new HashSet<string>(StringComparer.Ordinal);
        foreach (var set in sets)
        {
            all.UnionWith(set);
        }

        return all;
    }

    private sealed record PaperFound(PaperMatch? Strong, IReadOnlyList<string> Choices)
    {
        public static readonly PaperFound Nothing = new(null, []);
    }
}
