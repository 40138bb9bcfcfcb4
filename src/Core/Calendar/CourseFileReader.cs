using System.Globalization;
using CourseBot.Core.ReadingList;
using Quartz;
using YamlDotNet.RepresentationModel;

namespace CourseBot.Core.Calendar;

/// <summary>Reads the fields of one course file, collecting every problem instead of stopping at the first.</summary>
internal sealed partial class CourseFileReader(string path, YamlMappingNode root, List<Diagnostic> diagnostics)
{
    /// <summary>The years Quartz's cron expressions cover (1970–2126), less a year so a term's last weeks fit.</summary>
    private const int MinYear = 1970, MaxYear = 2125;

    /// <summary>A reminder needs a whole number of minutes (its post key counts minutes) and goes out within the week.</summary>
    private static readonly TimeSpan ShortestLead = TimeSpan.FromMinutes(1), LongestLead = TimeSpan.FromDays(7);

    private readonly Dictionary<string, YamlNode> _fields = Index(path, root, diagnostics);

    public CourseDefinition? Read(string hash)
    {
        var id = Text("id", required: true);
        if (id is not null && !CourseFile.IdPattern().IsMatch(id))
        {
            Error(_fields["id"], $"course id \"{id}\" must be lowercase letters, digits, - and _", "e.g. id: cs395t");
        }

        var name = Text("name", required: true);
        var zone = TimeZone();
        var firstMonday = TermDate("firstMonday", required: true);
        if (firstMonday is { } monday && monday.DayOfWeek != DayOfWeek.Monday)
        {
            Error(_fields["firstMonday"], $"firstMonday {monday:yyyy-MM-dd} is a {monday.DayOfWeek}, not a Monday", $"use the Monday of week 1, e.g. {monday.AddDays(-(((int)monday.DayOfWeek + 6) % 7)):yyyy-MM-dd}");
        }

        var lastDay = TermDate("lastDay", required: false);
        if (lastDay is { } last && firstMonday is { } first)
        {
            if (last < first)
            {
                Error(_fields["lastDay"], $"lastDay {last:yyyy-MM-dd} is before firstMonday {first:yyyy-MM-dd}", "check both dates");
                lastDay = null;
            }
            else if (last.DayNumber - first.DayNumber >= TermCalendar.MaxWeeks * 7)
            {
                Error(_fields["lastDay"], $"lastDay {last:yyyy-MM-dd} is {((last.DayNumber - first.DayNumber) / 7) + 1} weeks after firstMonday {first:yyyy-MM-dd}; a term has at most {TermCalendar.MaxWeeks} weeks", "check both dates");
                lastDay = null;
            }
        }

        var readingList = Text("readingList", required: true);
        var papers = Text("papers", required: true);
        var announce = Mapping("announce", ["cron", "reminders"]);
        var cron = announce is null ? null : Text(announce, "cron");
        if (cron is not null && !CheckCron(cron, announce!.Children[new YamlScalarNode("cron")], zone ?? TimeZoneInfo.Utc, firstMonday, lastDay))
        {
            cron = null;
        }

        var meetings = Meetings();
        var course = new CourseDefinition
        {
            Id = id ?? "",
            Name = name ?? "",
            Term = Text("term", required: false),
            TimeZone = zone ?? TimeZoneInfo.Utc,
            FirstMonday = firstMonday ?? default,
            LastDay = lastDay,
            Meetings = meetings,
            Holidays = Holidays(),
            NumberHolidayWeeks = Boolean("numberHolidayWeeks") ?? false,
            Responses = Responses(),
            AnnouncementCron = cron ?? CourseDefinition.DefaultAnnouncementCron,
            ReminderLeadTimes = announce is null ? [TimeSpan.FromHours(3)] : Reminders(announce),
            HolidayNotice = Text("holidayNotice", required: false),
            ReadingList = Resolve(readingList ?? "", "readingList"),
            Papers = Resolve(papers ?? "", "papers"),
            ReadingListAt = ValueAt("readingList"),
            PapersAt = ValueAt("papers"),
            Channels = Channels(),
            StudentRepliesEphemeral = StudentReplies(),
            AnswerMentions = Boolean("answerMentions") ?? true,
            Plan = Plan(meetings),
            Leads = Leads(zone ?? TimeZoneInfo.Utc, lastDay),
            SourcePath = path,
            SourceHash = hash,
        };
        return course;
    }

    private static Dictionary<string, YamlNode> Index(string path, YamlMappingNode mapping, List<Diagnostic> diagnostics)
    {
        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!CourseFile.KnownFields.Contains(name))
            {
                diagnostics.Add(Diagnostic.Error(CourseFile.At(path, key), $"unknown field \"{name}\"", Suggestions.DidYouMean(name, CourseFile.KnownFields) ?? "see README, Course files, for the fields"));
                continue;
            }

            fields[name] = value;
        }

        return fields;
    }

    private string Resolve(string location, string field)
    {
        if (location.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || location.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || location.Length == 0)
        {
            return location;
        }

        // A relative path stays inside the config folder, so an edited course file cannot make the bot
        // read (and quote in diagnostics) any file of the machine; an absolute path is an explicit choice.
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var resolved = Path.GetFullPath(Path.Combine(folder, location));
        if (!Path.IsPathRooted(location) && !resolved.StartsWith(Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            Error(_fields[field], $"{field} \"{location}\" points outside the config folder", "keep the file inside the config folder, or write its absolute path or an http(s) URL if it really lives elsewhere");
        }

        return resolved;
    }

    private SourceLocation? ValueAt(string field) => _fields.TryGetValue(field, out var node) ? CourseFile.At(path, node) : null;

    private string? Text(string field, bool required)
    {
        if (!_fields.TryGetValue(field, out var node))
        {
            if (required)
            {
                diagnostics.Add(Diagnostic.Error(CourseFile.At(path, root), $"the course file has no \"{field}\"", $"add a line `{field}: …`"));
            }

            return null;
        }

        return Scalar(node, field);
    }

    private string? Text(YamlMappingNode mapping, string field) =>
        mapping.Children.TryGetValue(new YamlScalarNode(field), out var node) ? Scalar(node, field) : null;

    private string? Scalar(YamlNode node, string field)
    {
        if (node is YamlScalarNode scalar)
        {
            return string.IsNullOrWhiteSpace(scalar.Value) ? null : scalar.Value.Trim();
        }

        Error(node, $"\"{field}\" must be a single value");
        return null;
    }

    private TimeZoneInfo? TimeZone()
    {
        var id = Text("timeZone", required: true);
        if (id is null)
        {
            return null;
        }

        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return zone;
        }

        Error(_fields["timeZone"], $"unknown time zone \"{id}\"", "use an IANA name such as America/Chicago or Europe/Berlin");
        return null;
    }

    /// <summary>A term date; years outside what the scheduler's cron can reach are refused here rather than failing later.</summary>
    private DateOnly? TermDate(string field, bool required)
    {
        if (Text(field, required) is not { } text || ParseDate(text, _fields[field], field) is not { } date)
        {
            return null;
        }

        if (date.Year is < MinYear or > MaxYear)
        {
            Error(_fields[field], $"{field} {date:yyyy-MM-dd} is not between {MinYear} and {MaxYear}", "check the year");
            return null;
        }

        return date;
    }

    private DateOnly? ParseDate(string text, YamlNode node, string field)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CourseFile.Invariant, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Error(node, $"{field} \"{text}\" is not a date", "write dates as YYYY-MM-DD, e.g. 2025-08-25");
        return null;
    }

    private TimeOnly? ParseTime(YamlNode node, string field)
    {
        var text = Scalar(node, field);
        if (text is not null && TimeOnly.TryParseExact(text, ["H:mm", "HH:mm"], CourseFile.Invariant, DateTimeStyles.None, out var time))
        {
            return time;
        }

        Error(node, $"{field} \"{text}\" is not a time of day", "write times as HH:MM in 24-hour form, e.g. \"12:30\"");
        return null;
    }

    private bool? Boolean(string field)
    {
        if (Text(field, required: false) is not { } text)
        {
            return null;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        Error(_fields[field], $"{field} must be true or false, not \"{text}\"");
        return null;
    }

    private YamlMappingNode? Mapping(string field, string[] known)
    {
        if (!_fields.TryGetValue(field, out var node))
        {
            return null;
        }

        if (node is not YamlMappingNode mapping)
        {
            Error(node, $"\"{field}\" must be a mapping ({string.Join(", ", known.Select(k => k + ": …"))})");
            return null;
        }

        CheckKeys(mapping, field, known);
        return mapping;
    }

    private void CheckKeys(YamlMappingNode mapping, string what, string[] known)
    {
        foreach (var key in mapping.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!known.Contains(name))
            {
                Error(key, $"unknown field \"{name}\" in {what}", Suggestions.DidYouMean(name, known) ?? $"the fields are {string.Join(", ", known)}");
            }
        }
    }

    private IEnumerable<YamlMappingNode> Items(string field, string[] known)
    {
        if (!_fields.TryGetValue(field, out var node))
        {
            yield break;
        }

        if (node is YamlScalarNode { Value: null or "" or "~" })
        {
            yield break;
        }

        if (node is not YamlSequenceNode sequence)
        {
            Error(node, $"\"{field}\" must be a list (lines starting with -)");
            yield break;
        }

        foreach (var item in sequence.Children)
        {
            if (item is YamlMappingNode mapping)
            {
                CheckKeys(mapping, field, known);
                yield return mapping;
            }
            else
            {
                Error(item, $"each entry of \"{field}\" must be a mapping ({string.Join(", ", known.Select(k => k + ": …"))})");
            }
        }
    }

    private IReadOnlyList<MeetingPattern> Meetings()
    {
        var meetings = new List<MeetingPattern>();
        foreach (var item in Items("meetings", ["day", "start", "end", "room"]))
        {
            var day = Child(item, "day", "meetings") is { } dayNode ? Day(dayNode) : null;
            var start = Child(item, "start", "meetings") is { } startNode ? ParseTime(startNode, "start") : null;
            var end = Child(item, "end", "meetings") is { } endNode ? ParseTime(endNode, "end") : null;
            if (start is { } s && end is { } e && e <= s)
            {
                Error(item, $"the meeting ends ({e:HH:mm}) before it starts ({s:HH:mm})");
            }

            if (day is { } d && start is { } startTime && end is { } endTime)
            {
                meetings.Add(new MeetingPattern(d, startTime, endTime) { Room = Text(item, "room") });
            }
        }

        return meetings.OrderBy(m => ((int)m.Day + 6) % 7).ThenBy(m => m.Start).ToArray();
    }

    private DayOfWeek? Day(YamlNode node)
    {
        var text = Scalar(node, "day") ?? "";
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            var name = day.ToString();
            if (text.Equals(name, StringComparison.OrdinalIgnoreCase) || (text.Length >= 3 && name.StartsWith(text, StringComparison.OrdinalIgnoreCase)))
            {
                return day;
            }
        }

        Error(node, $"\"{text}\" is not a day of the week", "write Monday, Tuesday, … (or Mon, Tue, …)");
        return null;
    }

    private IReadOnlyList<Holiday> Holidays()
    {
        var holidays = new List<Holiday>();
        foreach (var item in Items("holidays", ["name", "from", "to", "date"]))
        {
            var name = Child(item, "name", "holidays") is { } n ? Scalar(n, "name") : null;
            var single = item.Children.TryGetValue(new YamlScalarNode("date"), out var dateNode) ? ParseDate(Scalar(dateNode, "date") ?? "", dateNode, "date") : null;
            DateOnly? from = single, to = single;
            if (single is null)
            {
                from = Child(item, "from", "holidays") is { } f ? ParseDate(Scalar(f, "from") ?? "", f, "from") : null;
                to = item.Children.TryGetValue(new YamlScalarNode("to"), out var t) ? ParseDate(Scalar(t, "to") ?? "", t, "to") : from;
            }

            if (from is { } first && to is { } last)
            {
                if (last < first)
                {
                    Error(item, $"the holiday ends ({last:yyyy-MM-dd}) before it starts ({first:yyyy-MM-dd})", "swap from and to");
                    continue;
                }

                holidays.Add(new Holiday(name ?? "Holiday", first, last));
            }
        }

        return holidays;
    }

    private ResponseRule? Responses()
    {
        var mapping = Mapping("responses", ["due", "daysBefore"]);
        if (mapping is null)
        {
            return null;
        }

        var due = Child(mapping, "due", "responses") is { } dueNode ? ParseTime(dueNode, "due") : null;
        var days = 1;
        if (mapping.Children.TryGetValue(new YamlScalarNode("daysBefore"), out var daysNode)
            && !(int.TryParse(Scalar(daysNode, "daysBefore"), CourseFile.Invariant, out days) && days is >= 0 and <= 6))
        {
            Error(daysNode, "daysBefore must be a whole number from 0 to 6");
        }

        return due is { } time ? new ResponseRule(time, days) : null;
    }

    private IReadOnlyList<TimeSpan> Reminders(YamlMappingNode announce)
    {
        if (!announce.Children.TryGetValue(new YamlScalarNode("reminders"), out var node))
        {
            return [TimeSpan.FromHours(3)];
        }

        return LeadTimes(node);
    }

    /// <summary>A list of lead times before a moment (reminders), each a whole number of minutes from 1 minute to 7 days.</summary>
    private List<TimeSpan> LeadTimes(YamlNode node)
    {
        if (node is not YamlSequenceNode list)
        {
            Error(node, "reminders must be a list of lead times, e.g. [\"3h\", \"1d\"]");
            return [];
        }

        var leads = new List<TimeSpan>();
        foreach (var item in list.Children)
        {
            var text = Scalar(item, "reminders") ?? "";
            if (!CourseDuration.TryParse(text, out var lead))
            {
                Error(item, $"\"{text}\" is not a lead time", "write e.g. \"3h\", \"90m\" or \"1d\"");
                continue;
            }

            if (lead < ShortestLead || lead > LongestLead || lead.Ticks % TimeSpan.TicksPerMinute != 0)
            {
                Error(item, $"the lead time \"{text}\" is not a whole number of minutes from 1 minute to 7 days", "write e.g. \"3h\", \"90m\" or \"1d\"");
                continue;
            }

            if (leads.Contains(lead))
            {
                diagnostics.Add(Diagnostic.Warning(CourseFile.At(path, item), $"the lead time \"{text}\" is listed twice; one reminder is sent", "remove the repeated lead time"));
                continue;
            }

            leads.Add(lead);
        }

        return leads;
    }

    private CourseChannels Channels()
    {
        var mapping = Mapping("channels", ["discord", "slack", "pinSchedule"]);
        if (mapping is null)
        {
            return CourseChannels.None;
        }

        return new CourseChannels(ChannelList(mapping, "discord"), ChannelList(mapping, "slack")) { PinSchedule = PinSchedule(mapping) };
    }

    private bool PinSchedule(YamlMappingNode mapping)
    {
        if (!mapping.Children.TryGetValue(new YamlScalarNode("pinSchedule"), out var node) || Scalar(node, "channels.pinSchedule") is not { } text)
        {
            return false;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        Error(node, $"channels.pinSchedule must be true or false, not \"{text}\"", "true: one pinned message per channel with the term's schedule, kept current; false (the default): none");
        return false;
    }

    private IReadOnlyList<string> ChannelList(YamlMappingNode mapping, string platform)
    {
        if (!mapping.Children.TryGetValue(new YamlScalarNode(platform), out var node))
        {
            return [];
        }

        IEnumerable<YamlNode> items;
        switch (node)
        {
            case YamlSequenceNode list:
                items = list.Children;
                break;
            case YamlScalarNode scalar when string.IsNullOrWhiteSpace(scalar.Value):
                return [];
            case YamlScalarNode scalar:
                items = [scalar];
                break;
            default:
                return Fail(node, $"channels.{platform} must be a list of channel ids");
        }

        var ids = new List<string>();
        foreach (var item in items)
        {
            if (Scalar(item, $"channels.{platform}") is not { } id)
            {
                continue;
            }

            if (platform == "discord" ? IsDiscordId(id) : CourseFile.SlackChannelIdPattern().IsMatch(id))
            {
                ids.Add(id);
                continue;
            }

            var hint = platform == "discord"
                ? "a Discord channel id is a number such as \"1234567890123456789\": turn on Developer Mode (User Settings → Advanced), right-click the channel → Copy Channel ID"
                : "a Slack channel id looks like \"C0123ABCD\" (or \"G…\" for a private channel): open the channel, click its name, and copy the Channel ID at the bottom of the About tab";
            Error(item, $"\"{id}\" is not a {(platform == "discord" ? "Discord" : "Slack")} channel id", hint);
        }

        return ids;
    }

    /// <summary>Discord ids are snowflakes: unsigned 64-bit numbers, written in decimal.</summary>
    private static bool IsDiscordId(string id) =>
        id.All(char.IsAsciiDigit) && ulong.TryParse(id, NumberStyles.None, CourseFile.Invariant, out var value) && value > 0;

    private bool StudentReplies()
    {
        var text = Text("studentReplies", required: false);
        switch (text)
        {
            case null or "private":
                return true;
            case "public":
                return false;
            default:
                Error(_fields["studentReplies"], $"studentReplies must be \"private\" or \"public\", not \"{text}\"");
                return true;
        }
    }

    private IReadOnlyList<PlanEntry>? Plan(IReadOnlyList<MeetingPattern> meetings)
    {
        if (!_fields.ContainsKey("plan"))
        {
            return null;
        }

        var entries = new List<PlanEntry>();
        foreach (var item in Items("plan", ["topic", "papers", "title", "weeks", "week", "classes"]))
        {
            var topic = Text(item, "topic");
            var title = Text(item, "title");
            var papers = item.Children.TryGetValue(new YamlScalarNode("papers"), out var papersNode)
                ? papersNode is YamlSequenceNode list ? list.Children.Select(c => Scalar(c, "papers")).OfType<string>().ToArray() : Fail(papersNode, "papers must be a list of paper keys")
                : [];
            var weeks = Number(item, "weeks") ?? 1;
            var start = Number(item, "week");
            if (topic is null && papers.Length == 0 && title is null)
            {
                Error(item, "a plan entry needs a topic, papers or a title", "e.g. `- topic: Efficient LLM Serving` or `- title: Project presentations`");
            }

            var classes = item.Children.TryGetValue(new YamlScalarNode("classes"), out var classesNode) ? Classes(classesNode, meetings) : null;
            entries.Add(new PlanEntry(topic, papers, title, weeks, start, CourseFile.At(path, item)) { Classes = classes });
        }

        return entries;
    }

    /// <summary>
    /// A plan entry's <c>classes:</c>, one list of paper keys per class meeting of the week, in meeting order.
    /// Whether the keys are the week's papers is checked against the reading list when the calendar is built.
    /// </summary>
    private IReadOnlyList<PlannedClass>? Classes(YamlNode node, IReadOnlyList<MeetingPattern> meetings)
    {
        const string Example = "e.g. classes: [[hybridflow-eurosys25, rlhfuse-nsdi25], [areal-arxiv25, asyncrlhf-iclr25]]";
        if (node is not YamlSequenceNode lists)
        {
            Error(node, "classes must be a list with one list of paper keys per class meeting of the week", Example);
            return null;
        }

        var classes = new List<PlannedClass>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var list in lists.Children)
        {
            if (list is not YamlSequenceNode keys)
            {
                Error(list, "each entry of classes must be a list of paper keys (one list per class meeting)", Example);
                continue;
            }

            var papers = new List<PlannedPaper>();
            foreach (var keyNode in keys.Children)
            {
                if (Scalar(keyNode, "classes") is not { } key)
                {
                    continue;
                }

                if (seen.TryGetValue(key, out var other))
                {
                    Error(keyNode, $"paper \"{key}\" is in class {other} and again in class {classes.Count + 1}", "a paper is discussed in one class: remove it from one of the lists");
                    continue;
                }

                seen[key] = classes.Count + 1;
                papers.Add(new PlannedPaper(key, CourseFile.At(path, keyNode)));
            }

            classes.Add(new PlannedClass(papers, CourseFile.At(path, list)));
        }

        if (classes.Count > meetings.Count)
        {
            var days = meetings.Count == 0 ? "the course file has no meetings" : $"class meets {meetings.Count} time{(meetings.Count == 1 ? "" : "s")} a week ({string.Join(", ", meetings.Select(m => m.Day))})";
            Error(node, $"classes has {classes.Count} lists, but {days}", meetings.Count == 0 ? "add meetings:, or remove classes:" : $"give at most {meetings.Count} list{(meetings.Count == 1 ? "" : "s")}, one per meeting in meeting order");
        }

        return classes;
    }

    private int? Number(YamlMappingNode item, string field)
    {
        if (!item.Children.TryGetValue(new YamlScalarNode(field), out var node))
        {
            return null;
        }

        if (int.TryParse(Scalar(node, field), CourseFile.Invariant, out var value) && value is >= 1 and <= 60)
        {
            return value;
        }

        Error(node, $"{field} must be a whole number from 1 to 60");
        return null;
    }

    private YamlNode? Child(YamlMappingNode mapping, string field, string what)
    {
        if (mapping.Children.TryGetValue(new YamlScalarNode(field), out var node))
        {
            return node;
        }

        Error(mapping, $"this entry of \"{what}\" has no \"{field}\"", $"add `{field}: …`");
        return null;
    }

    /// <summary>
    /// Checks the announcement cron with Quartz's own parser (the one the scheduler uses), so an
    /// expression either passes here or never reaches the scheduler; one that parses but never fires
    /// (31 February, a past year) is refused too, as it would silently post nothing. Quartz's own
    /// messages speak of .NET APIs, so a refusal is explained per field in the course file's terms.
    /// </summary>
    private bool CheckCron(string cron, YamlNode node, TimeZoneInfo zone, DateOnly? firstMonday, DateOnly? lastDay)
    {
        const string Example = "e.g. \"0 0 9 ? * MON\" for Mondays at 09:00";
        var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (fields.Length is < 6 or > 7)
        {
            // Five fields is almost always Unix crontab, whose day-of-week numbers differ from Quartz's.
            var hint = fields.Length == 5 ? $"put a seconds field first and note that Quartz numbers days of the week 1–7 from Sunday; {Example}" : Example;
            Error(node, $"\"{cron}\" is not a Quartz cron expression: it has {fields.Length} field{(fields.Length == 1 ? "" : "s")}; Quartz cron needs 6 or 7: {CronField.Order}", hint);
            return false;
        }

        CronExpression expression;
        try
        {
            expression = new CronExpression(cron, zone);
        }
        catch (FormatException)
        {
            Error(node, $"\"{cron}\" is not a Quartz cron expression: {CronField.Explain(fields)}", $"write {CronField.Order}, {Example}");
            return false;
        }

        if (fields[3] != "?" && fields[5] != "?")
        {
            var sunday = fields[5].Any(char.IsAsciiDigit) ? "; note that in Quartz day-of-week 1 = Sunday (use MON–SUN to be clear)" : "";
            Warning(node, $"\"{cron}\" gives both a day-of-month ('{fields[3]}') and a day-of-week ('{fields[5]}'); one of them should be ?{sunday}", Example);
        }

        var termStart = firstMonday is { } monday ? TermCalendar.LocalToInstant(zone, monday, TimeOnly.MinValue) : DateTimeOffset.UnixEpoch;
        if (expression.GetNextValidTimeAfter(termStart.AddSeconds(-1)) is not { } first)
        {
            Error(node, $"the cron expression \"{cron}\" never fires{(firstMonday is null ? "" : " after the term starts")}, so no announcement would ever be posted", "check the day-of-month, month and year fields; e.g. \"0 0 9 ? * MON\" fires on Mondays at 09:00");
            return false;
        }

        if (lastDay is { } last && first > TermCalendar.LocalToInstant(zone, last.AddDays(1), TimeOnly.MinValue))
        {
            Error(node, $"the cron expression \"{cron}\" first fires on {TimeZoneInfo.ConvertTime(first, zone):yyyy-MM-dd HH:mm}, after the term's last day ({last:yyyy-MM-dd}), so no announcement would be posted", "check the day-of-month, month and year fields; e.g. \"0 0 9 ? * MON\" fires on Mondays at 09:00");
            return false;
        }

        return true;
    }

    private string[] Fail(YamlNode node, string message)
    {
        Error(node, message);
        return [];
    }

    private void Error(YamlNode node, string message, string? hint = null) =>
        diagnostics.Add(Diagnostic.Error(CourseFile.At(path, node), message, hint));

    private void Warning(YamlNode node, string message, string? hint = null) =>
        diagnostics.Add(Diagnostic.Warning(CourseFile.At(path, node), message, hint));
}
