using CourseBot.Core.Replies;
using CourseBot.Core.Search;

namespace CourseBot.Core.Commands;

/// <summary>Replies for /paper (one paper in detail) and /search (a ranked list).</summary>
public static class PaperReplies
{
    public const int SearchResults = 8;

    public static Reply Paper(CourseSnapshot course, string query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return Reply.Problem("Which paper?", "Give a key, title words, a system name or an author, e.g. /paper distserve.", course.TimeZone);
        }

        var matches = course.Search.Find(query, limit: 4);
        if (matches.Count == 0)
        {
            return NothingFound(course, query);
        }

        var best = matches[0];
        var blocks = new List<ReplyBlock> { new ReplyBlock.Papers("Paper", [Item(course, best)]) };
        if (matches.Count > 1)
        {
            blocks.Add(new ReplyBlock.Papers("Other matches", matches.Skip(1).Select(m => Item(course, m)).ToArray()));
        }

        return new Reply(best.Paper.Title ?? best.Paper.Key, blocks, course.TimeZone);
    }

    public static Reply Search(CourseSnapshot course, string words)
    {
        if (string.IsNullOrWhiteSpace(words))
        {
            return Reply.Problem("Search for what?", "Give some words, e.g. /search kv cache.", course.TimeZone);
        }

        var matches = course.Search.Find(words, SearchResults);
        if (matches.Count == 0)
        {
            return NothingFound(course, words);
        }

        return new Reply(
            $"Papers matching \"{words.Trim()}\"",
            [new ReplyBlock.Papers($"{matches.Count} best match{(matches.Count == 1 ? "" : "es")}", matches.Select(m => Item(course, m)).ToArray())],
            course.TimeZone);
    }

    private static Reply NothingFound(CourseSnapshot course, string query)
    {
        var close = course.Search.Suggest(query, limit: 3);
        var blocks = new List<ReplyBlock>
        {
            new ReplyBlock.Paragraph(new Span.Text($"No paper on the reading list matches \"{query.Trim()}\".")),
        };
        if (close.Count > 0)
        {
            blocks.Add(new ReplyBlock.Papers("Closest papers", close.Select(m => Item(course, m)).ToArray()));
        }

        return new Reply("No matching paper", blocks, course.TimeZone, IsError: true);
    }

    /// <summary>The paper with where it sits: "Week 4 · Efficient LLM Serving · Required (KV Cache Management)".</summary>
    internal static PaperItem Item(CourseSnapshot course, PaperMatch match)
    {
        var reading = match.Readings.Count > 0 ? match.Readings[0] : null;
        var places = match.Readings
            .Select(r =>
            {
                var weeks = course.WeeksOf(r);
                var week = weeks.Count > 0 ? WeekLabels.Label(weeks[0]) + " · " : "";
                var topic = course.ReadingList.Topics.FirstOrDefault(t => t.Readings.Contains(r))?.Name ?? "";
                var requirement = r.Requirement.IsRequired
                    ? r.Requirement.Label is { } label ? $"required ({label})" : "required"
                    : "optional";
                return $"{week}{topic} · {requirement}";
            })
            .Distinct()
            .ToArray();
        var where = places.Length > 0 ? string.Join("; ", places) : "not on the reading list";
        return reading is null
            ? new PaperItem(match.Paper, ReadingList.Requirement.Optional, null, true, where)
            : new PaperItem(match.Paper, reading.Requirement, reading.Note, reading.IsResolved, where);
    }
}
