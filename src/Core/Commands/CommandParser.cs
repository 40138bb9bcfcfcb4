using System.Text.RegularExpressions;

namespace CourseBot.Core.Commands;

/// <summary>
/// The one command grammar of every platform. Accepts "/reading week3", "reading next week",
/// Discord-style options ("/reading week:3"), and Slack's "/coursebot announce 3 preview".
/// </summary>
public static partial class CommandParser
{
    /// <summary>Names students may type, mapped to the command they mean.</summary>
    public static readonly IReadOnlyDictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["reading"] = "reading", ["readings"] = "reading", ["read"] = "reading", ["week"] = "reading",
        ["required"] = "required", ["req"] = "required", ["must"] = "required",
        ["paper"] = "paper", ["papers"] = "paper",
        ["search"] = "search", ["find"] = "search",
        ["schedule"] = "schedule", ["term"] = "schedule",
        ["help"] = "help", ["?"] = "help", ["commands"] = "help",
        ["announce"] = "announce", ["preview"] = "preview",
        ["reload"] = "reload",
        ["lead"] = "lead", ["leads"] = "leads", ["roster"] = "leads", ["lead-menu"] = "lead-menu",
        ["calendar"] = "calendar", ["ics"] = "calendar", ["subscribe"] = "calendar",
    };

    /// <summary>
    /// A line starting with "/" is a command; any other line is a plain question for the question reader
    /// (an empty one asks for help).
    /// </summary>
    public static CourseCommand Parse(string input)
    {
        var text = input.Trim();
        if (text.Length == 0)
        {
            return new CourseCommand.Help();
        }

        return text.StartsWith('/') ? ParseCommand(text[1..]) : new CourseCommand.Question(text);
    }

    /// <summary>
    /// The command a line without "/" spells when it is written exactly as one ("week 3", "reading next week",
    /// "paper Ion Stoica", "schedule"), so the console's old forms keep working; null for anything else,
    /// which is a question ("papers for week 3", "required papers next week").
    /// </summary>
    public static CourseCommand? ParseBare(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || trimmed.StartsWith('/'))
        {
            return null;
        }

        var words = Spaces().Split(trimmed.ToLowerInvariant());
        var command = ParseCommand(trimmed);
        return command switch
        {
            CourseCommand.Reading { Week: not WeekQuery.Named } or CourseCommand.Required { Week: not WeekQuery.Named } => command,
            CourseCommand.Paper or CourseCommand.Search when words.Length > 1 && words[0] is "paper" or "search" or "find" && !QueryStarts.Contains(words[1]) => command,
            CourseCommand.Schedule or CourseCommand.Help when words.Length == 1 => command,
            CourseCommand.Calendar when words.Length == 1 => command,
            CourseCommand.Announce or CourseCommand.Reload when words[0] is "announce" or "preview" or "reload" => command,
            _ => null,
        };
    }

    // "paper for week 3", "find the distserve paper": words that start a sentence, not a paper query.
    private static readonly HashSet<string> QueryStarts = new(StringComparer.Ordinal) { "for", "on", "about", "of", "this", "next", "last", "required", "optional", "due", "the", "is", "a", "me", "link", "by", "from", "in" };

    private static CourseCommand ParseCommand(string text)
    {
        var space = text.IndexOfAny([' ', '\t', '\n']);
        var name = space < 0 ? text : text[..space];
        var rest = space < 0 ? "" : text[(space + 1)..].Trim();
        if (name.Equals("coursebot", StringComparison.OrdinalIgnoreCase))
        {
            // "/coursebot announce 3" is a command; "/coursebot is Orca required?" is a question.
            var first = rest.Split([' ', '\t', '\n'], 2)[0];
            return rest.Length == 0 ? new CourseCommand.Help()
                : Aliases.ContainsKey(first.TrimStart('/')) || ParseWeek(rest.TrimStart('/')) is WeekQuery.Numbered || first.StartsWith('/') ? ParseCommand(rest.TrimStart('/'))
                : new CourseCommand.Question(rest);
        }

        if (name.Length == 0)
        {
            return new CourseCommand.Help();
        }

        // "/reading week3" typed as "week3" alone still means the reading for that week.
        if (!Aliases.TryGetValue(name, out var command) && ParseWeek(text) is WeekQuery.Numbered numbered)
        {
            return new CourseCommand.Reading(numbered);
        }

        return command switch
        {
            "reading" => new CourseCommand.Reading(ParseWeek(name.Equals("week", StringComparison.OrdinalIgnoreCase) ? text : Option(rest, "week"))),
            "required" => new CourseCommand.Required(ParseWeek(Option(rest, "week"))),
            "paper" => new CourseCommand.Paper(Option(rest, "query")),
            "search" => new CourseCommand.Search(Option(rest, "words", "query")),
            "schedule" => new CourseCommand.Schedule(),
            "help" => new CourseCommand.Help(),
            "announce" => ParseAnnounce(rest, preview: false),
            "preview" => ParseAnnounce(rest, preview: true),
            "reload" => new CourseCommand.Reload(),
            "lead" => ParseLead(Option(rest, "paper")),
            "leads" => ParseLeads(rest),
            "lead-menu" => ParseLeadMenu(name, rest),
            "calendar" => new CourseCommand.Calendar(NewAddress: rest.ToLowerInvariant() is "new" or "reset" or "rotate" or "new:true"),
            _ => new CourseCommand.Unknown(name),
        };
    }

    /// <summary>Reads a week as students write it; null for nothing (meaning "this week").</summary>
    public static WeekQuery? ParseWeek(string? text)
    {
        var normalized = Spaces().Replace((text ?? "").Trim().ToLowerInvariant(), " ");
        if (normalized.Length == 0)
        {
            return null;
        }

        var numbered = NumberedWeek().Match(normalized);
        if (numbered.Success && int.TryParse(numbered.Groups["n"].Value, out var number))
        {
            return new WeekQuery.Numbered(number);
        }

        return normalized switch
        {
            "this week" or "this" or "now" or "current" or "current week" or "today" => new WeekQuery.ThisWeek(),
            "next week" or "next" or "upcoming" => new WeekQuery.NextWeek(),
            "last week" or "last" or "previous" or "previous week" => new WeekQuery.LastWeek(),
            _ => new WeekQuery.Named(text!.Trim()),
        };
    }

    private static CourseCommand ParseAnnounce(string rest, bool preview)
    {
        var words = new List<string>();
        foreach (var word in Spaces().Split(rest))
        {
            var lowered = word.ToLowerInvariant();
            if (lowered is "preview" or "--preview" or "dry-run" or "--dry-run" or "preview:true")
            {
                preview = true;
            }
            else if (lowered is "preview:false")
            {
                preview = false;
            }
            else if (word.Length > 0)
            {
                words.Add(word);
            }
        }

        return new CourseCommand.Announce(ParseWeek(Option(string.Join(' ', words), "week")), preview);
    }

    /// <summary>"/lead hybridflow", "/lead drop", "/lead drop hybridflow" (also "withdraw", "cancel").</summary>
    private static CourseCommand ParseLead(string rest)
    {
        var words = rest.Split([' ', '\t', '\n'], 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length > 0 && words[0].ToLowerInvariant() is "drop" or "withdraw" or "cancel" or "--drop")
        {
            return new CourseCommand.Lead(words.Length > 1 ? Option(words[1], "paper") : null, Drop: true);
        }

        return new CourseCommand.Lead(rest.Length == 0 ? null : rest, Drop: false);
    }

    /// <summary>"/leads", "/leads week 3", "/leads mine", "/leads assign &lt;paper&gt; &lt;user&gt;", "/leads remove …", "/leads close 3", "/leads open 3".</summary>
    private static CourseCommand ParseLeads(string rest)
    {
        var words = rest.Split([' ', '\t', '\n'], 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var action = words.Length > 0 ? words[0].ToLowerInvariant() : "";
        var argument = words.Length > 1 ? words[1] : "";
        switch (action)
        {
            case "assign" or "remove":
                // The user is the last word (a mention or an id); the paper, every word before it.
                var last = argument.LastIndexOfAny([' ', '\t', '\n']);
                var usage = $"/leads {action} <paper> <user>, e.g. /leads {action} hybridflow @Ada";
                if (last < 0)
                {
                    return new CourseCommand.Leads(null, new LeadsStaffAction.Incomplete(usage));
                }

                var paper = argument[..last].Trim();
                var user = argument[(last + 1)..].Trim();
                return new CourseCommand.Leads(null, action == "assign" ? new LeadsStaffAction.Assign(paper, user) : new LeadsStaffAction.Remove(paper, user));
            case "mine" or "me" or "my" when argument.Length == 0:
                return new CourseCommand.Leads(null, null, Mine: true);
            case "close" or "open" or "reopen":
                var verb = action == "close" ? "close" : "open";
                if (ParseWeek(Option(argument, "week")) is not { } week)
                {
                    return new CourseCommand.Leads(null, new LeadsStaffAction.Incomplete($"/leads {verb} <week>, e.g. /leads {verb} week 3"));
                }

                return new CourseCommand.Leads(null, verb == "close" ? new LeadsStaffAction.Close(week) : new LeadsStaffAction.Open(week));
            default:
                return new CourseCommand.Leads(ParseWeek(Option(rest, "week")), null);
        }
    }

    /// <summary>"/lead-menu 2025-09-08": the week by its Monday, as the announcement's button writes it.</summary>
    private static CourseCommand ParseLeadMenu(string name, string rest) =>
        DateOnly.TryParseExact(rest, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var monday)
            ? new CourseCommand.LeadMenu(monday)
            : new CourseCommand.Unknown($"{name} {rest}".Trim());

    /// <summary>Strips a Discord-style "name:" prefix ("week:3", "query: distserve").</summary>
    private static string Option(string rest, params string[] names)
    {
        foreach (var name in names)
        {
            if (rest.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))
            {
                return rest[(name.Length + 1)..].Trim();
            }
        }

        return rest;
    }

    [GeneratedRegex(@"^(?:(?:week|wk|w)\s*#?\s*)?(?<n>\d{1,3})$")]
    private static partial Regex NumberedWeek();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
