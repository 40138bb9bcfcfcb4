using System.Globalization;
using System.Text.RegularExpressions;
using CourseBot.Core.Leads;
using CourseBot.Core.ReadingList;
using YamlDotNet.RepresentationModel;

namespace CourseBot.Core.Calendar;

/// <summary>The course file's <c>leads:</c> section (discussion-lead sign-ups); paper keys are checked against the reading list by the calendar.</summary>
internal sealed partial class CourseFileReader
{
    private static readonly string[] LeadsFields =
    [
        "papers", "perPaper", "perStudent", "opens", "closes", "slidesDue", "reminders", "waitlist", "showNames", "exemptFromResponses", "roster",
    ];

    /// <summary>How long before a class sign-ups may close: four weeks is already more than a term plans ahead.</summary>
    private static readonly TimeSpan LongestClose = TimeSpan.FromDays(28);

    /// <summary>Null when the file has no <c>leads:</c> section (no sign-ups); an empty section means every default.</summary>
    private LeadsPolicy? Leads(TimeZoneInfo zone, DateOnly? lastDay)
    {
        if (!_fields.TryGetValue("leads", out var node))
        {
            return null;
        }

        var at = CourseFile.At(path, node);
        if (node is YamlScalarNode { Value: null or "" or "~" })
        {
            return new LeadsPolicy { At = at };
        }

        if (node is not YamlMappingNode mapping)
        {
            Error(node, "\"leads\" must be a mapping of fields (papers: …, perPaper: …)", "e.g. leads: { papers: required, perPaper: 2 }, or see README, Course file: leads");
            return null;
        }

        CheckKeys(mapping, "leads", LeadsFields);
        var policy = new LeadsPolicy { At = at };
        if (LeadsChild(mapping, "papers") is { } papers)
        {
            policy = LeadPapers(papers, policy);
        }

        if (LeadsChild(mapping, "perPaper") is { } perPaper)
        {
            policy = policy with { PerPaper = LeadsNumber(perPaper, "perPaper", 1, LeadsPolicy.MaxPerPaper, "a paper can have from 1 to 5 leads") ?? policy.PerPaper };
        }

        if (LeadsChild(mapping, "perStudent") is { } perStudent)
        {
            policy = policy with { PerStudent = LeadsNumber(perStudent, "perStudent", 1, int.MaxValue, "the papers one student may lead in the term, at least 1") ?? policy.PerStudent };
        }

        if (LeadsChild(mapping, "opens") is { } opens)
        {
            policy = policy with { Opens = LeadsOpens(opens, zone, lastDay) };
        }

        if (LeadsChild(mapping, "closes") is { } closes)
        {
            policy = policy with { Closes = LeadsCloses(closes) ?? policy.Closes };
        }

        if (LeadsChild(mapping, "slidesDue") is { } slidesDue)
        {
            policy = policy with { SlidesDue = LeadsSlidesDue(slidesDue) };
        }

        if (LeadsChild(mapping, "reminders") is { } reminders)
        {
            policy = policy with { Reminders = reminders is YamlScalarNode { Value: null or "" or "~" } ? [] : LeadTimes(reminders) };
        }

        if (LeadsChild(mapping, "roster") is { } roster)
        {
            policy = policy with { Roster = LeadsRoster(roster) };
        }

        return policy with
        {
            Waitlist = LeadsBoolean(mapping, "waitlist") ?? policy.Waitlist,
            ShowNames = LeadsBoolean(mapping, "showNames") ?? policy.ShowNames,
            ExemptFromResponses = LeadsBoolean(mapping, "exemptFromResponses") ?? policy.ExemptFromResponses,
        };
    }

    private static YamlNode? LeadsChild(YamlMappingNode mapping, string field) =>
        mapping.Children.TryGetValue(new YamlScalarNode(field), out var node) ? node : null;

    /// <summary><c>required</c>, <c>all</c>, or a list of paper keys (checked against the reading list once it is read).</summary>
    private LeadsPolicy LeadPapers(YamlNode node, LeadsPolicy policy)
    {
        const string Hint = "write papers: required (the required papers), papers: all, or a list of paper keys, e.g. [hybridflow-eurosys25, areal-arxiv25]";
        if (node is YamlSequenceNode list)
        {
            var keys = new List<string>();
            var places = new List<SourceLocation>();
            foreach (var item in list.Children)
            {
                if (Scalar(item, "leads.papers") is not { } key)
                {
                    continue;
                }

                if (keys.Contains(key, StringComparer.Ordinal))
                {
                    Warning(item, $"the paper \"{key}\" is listed twice in leads.papers", "remove the repeated key");
                    continue;
                }

                keys.Add(key);
                places.Add(CourseFile.At(path, item));
            }

            if (keys.Count == 0)
            {
                Error(node, "leads.papers lists no papers, so nobody could sign up", Hint);
                return policy;
            }

            return policy with { Papers = LeadablePapers.Listed, PaperKeys = keys, PaperKeysAt = places };
        }

        var text = Scalar(node, "leads.papers");
        switch (text?.ToLowerInvariant())
        {
            case "required":
                return policy with { Papers = LeadablePapers.Required };
            case "all":
                return policy with { Papers = LeadablePapers.All };
            default:
                var didYouMean = text is null ? null : Suggestions.DidYouMean(text, ["required", "all"]);
                Error(node, $"leads.papers must be required, all or a list of paper keys, not \"{text}\"", didYouMean is null ? Hint : $"{didYouMean} ({Hint})");
                return policy;
        }
    }

    private int? LeadsNumber(YamlNode node, string field, int min, int max, string meaning)
    {
        var text = Scalar(node, $"leads.{field}");
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CourseFile.Invariant, out var value) && value >= min && value <= max)
        {
            return value;
        }

        var range = max == int.MaxValue ? $"of at least {min}" : $"from {min} to {max}";
        Error(node, $"leads.{field} must be a whole number {range}, not \"{text}\"", meaning);
        return null;
    }

    /// <summary>A date and time in the course's time zone ("2025-08-25 09:00"); a date alone means its midnight.</summary>
    private DateTimeOffset? LeadsOpens(YamlNode node, TimeZoneInfo zone, DateOnly? lastDay)
    {
        var text = Scalar(node, "leads.opens");
        if (text is not null
            && DateTime.TryParseExact(text, ["yyyy-MM-dd HH:mm", "yyyy-MM-dd H:mm", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd"], CourseFile.Invariant, DateTimeStyles.None, out var local))
        {
            var date = DateOnly.FromDateTime(local);
            if (lastDay is { } last && date > last)
            {
                Error(node, $"leads.opens {date:yyyy-MM-dd} is after the term's last day ({last:yyyy-MM-dd}), so sign-ups would never open", "open sign-ups before or early in the term, e.g. the first Monday");
                return null;
            }

            return TermCalendar.LocalToInstant(zone, date, TimeOnly.FromDateTime(local));
        }

        Error(node, $"leads.opens \"{text}\" is not a date and time", $"write it in the course's time zone ({zone.Id}) as YYYY-MM-DD HH:MM, e.g. \"2025-08-25 09:00\"");
        return null;
    }

    private TimeSpan? LeadsCloses(YamlNode node)
    {
        var text = Scalar(node, "leads.closes") ?? "";
        if (!CourseDuration.TryParse(text, out var lead))
        {
            Error(node, $"leads.closes \"{text}\" is not a lead time", "how long before the class sign-ups close, e.g. \"2d\" or \"12h\"; \"0h\" closes them when class starts");
            return null;
        }

        if (lead > LongestClose)
        {
            Error(node, $"leads.closes \"{text}\" is more than {LongestClose.Days} days before the class", "sign-ups close at most 28 days before the class, e.g. \"2d\"");
            return null;
        }

        return lead;
    }

    /// <summary>"17:00 1d": 17:00 (course time) one day before the class; "17:00" alone is the class's own day.</summary>
    private SlidesDeadline? LeadsSlidesDue(YamlNode node)
    {
        const string Hint = "write the time and the days before the class, e.g. \"17:00 1d\" for 17:00 the day before (0d to 6d)";
        var text = Scalar(node, "leads.slidesDue") ?? "";
        var match = SlidesDuePattern().Match(text);
        if (!match.Success || !TimeOnly.TryParseExact(match.Groups["time"].Value, ["H:mm", "HH:mm"], CourseFile.Invariant, DateTimeStyles.None, out var time))
        {
            Error(node, $"leads.slidesDue \"{text}\" is not a time and a number of days", Hint);
            return null;
        }

        var days = match.Groups["days"].Success ? int.Parse(match.Groups["days"].Value, CourseFile.Invariant) : 0;
        if (days > 6)
        {
            Error(node, $"leads.slidesDue \"{text}\" is {days} days before the class; at most 6", Hint);
            return null;
        }

        return new SlidesDeadline(time, days);
    }

    private RosterScope LeadsRoster(YamlNode node)
    {
        var text = Scalar(node, "leads.roster");
        switch (text?.ToLowerInvariant())
        {
            case "week":
                return RosterScope.Week;
            case "term":
                return RosterScope.Term;
            default:
                var didYouMean = text is null ? null : Suggestions.DidYouMean(text, ["week", "term"]);
                Error(node, $"leads.roster must be week or term, not \"{text}\"", didYouMean ?? "week: one roster message per week; term: one for the whole term");
                return RosterScope.Week;
        }
    }

    private bool? LeadsBoolean(YamlMappingNode mapping, string field)
    {
        if (LeadsChild(mapping, field) is not { } node || Scalar(node, $"leads.{field}") is not { } text)
        {
            return null;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        Error(node, $"leads.{field} must be true or false, not \"{text}\"");
        return null;
    }

    [GeneratedRegex(@"^(?<time>\d{1,2}:\d{2})(?:\s+(?<days>\d{1,3})\s*(?:d|days?))?$", RegexOptions.IgnoreCase)]
    private static partial Regex SlidesDuePattern();
}
