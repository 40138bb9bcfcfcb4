using CourseBot.Core.Calendar;
using CourseBot.Core.Commands;
using CourseBot.Core.Replies;

namespace CourseBot.Core.Leads;

/// <summary>
/// The roster of discussion leads as a reply: per class ("Tue Sep 9"), each paper with its leads (or "taken"
/// when the course hides names), its free slots and its waitlist; for one week or the whole term. Also the
/// reminder a lead gets before their class.
/// </summary>
public static class LeadRoster
{
    /// <summary>The roster of the week starting on <paramref name="weekStart"/> (its Monday).</summary>
    public static Reply Week(LeadCatalog catalog, DateOnly weekStart, IReadOnlyList<LeadSignup> signups)
    {
        var week = catalog.Course.Calendar.Weeks.FirstOrDefault(w => w.Start == weekStart);
        if (week is null)
        {
            return Reply.Problem("No such week", $"The week of {weekStart:yyyy-MM-dd} is not a week of the term. /schedule shows the weeks.", catalog.Course.TimeZone);
        }

        return new Reply($"Discussion leads · {WeekLabels.Title(week)}", [Lines(WeekBlocks(catalog, week, signups))], catalog.Course.TimeZone);
    }

    /// <summary>The roster for the whole term: every week with papers to lead, week by week.</summary>
    public static Reply Term(LeadCatalog catalog, IReadOnlyList<LeadSignup> signups)
    {
        var blocks = new List<ReplyBlock>();
        foreach (var week in catalog.Course.Calendar.Weeks.Where(w => catalog.InWeek(w.Start).Count > 0))
        {
            blocks.Add(Lines([new ReplyBlock.Paragraph(new Span.Text($"{WeekLabels.Title(week)} ({WeekLabels.Dates(week)})", Bold: true)), .. WeekBlocks(catalog, week, signups)]));
        }

        if (blocks.Count == 0)
        {
            blocks.Add(new ReplyBlock.Paragraph(new Span.Text("No class of the term has a paper to lead.")));
        }

        return new Reply($"Discussion leads · {catalog.Course.Course.Name}", blocks, catalog.Course.TimeZone);
    }

    /// <summary>"You lead *AReaL* on Thu Sep 11, 12:30; slides are due Wed Sep 10, 17:00": a lead's reminder before their class.</summary>
    public static Reply Reminder(LeadCatalog catalog, LeadablePaper paper)
    {
        var spans = new List<Span> { new Span.Text("You lead "), new Span.Text(paper.ShortTitle, Bold: true), new Span.Text(" on "), new Span.Moment(paper.Class.Start, MomentStyle.DateTime) };
        if (LeadRules.SlidesDueAt(catalog, paper) is { } due)
        {
            spans.AddRange([new Span.Text("; slides are due "), new Span.Moment(due, MomentStyle.DateTime)]);
        }

        return new Reply($"You lead {paper.ShortTitle}", [new ReplyBlock.Paragraph(spans), new ReplyBlock.Papers("Paper", [PaperItem.From(paper.Reading)])], catalog.Course.TimeZone);
    }

    /// <summary>A paper's line: "Ada, Grace · full", "taken · 1 of 2 open", "2 of 2 open · 1 on the waitlist".</summary>
    public static string Slots(LeadsPolicy policy, IReadOnlyList<LeadSignup> signupsOfPaper)
    {
        var leads = signupsOfPaper.Where(s => s.WaitlistPosition is null).OrderBy(s => s.SignedUpAt).ToArray();
        var waiting = signupsOfPaper.Count(s => s.WaitlistPosition is not null);
        var parts = new List<string>();
        if (leads.Length > 0)
        {
            parts.Add(policy.ShowNames ? string.Join(", ", leads.Select(s => s.Student.DisplayName)) : leads.Length == 1 ? "taken" : $"{leads.Length} taken");
        }

        var free = policy.PerPaper - leads.Length;
        parts.Add(free > 0 ? $"{free} of {policy.PerPaper} open" : "full");
        if (waiting > 0)
        {
            parts.Add($"{waiting} on the waitlist");
        }

        return string.Join(" · ", parts);
    }

    /// <summary>
    /// A week's lines as one paragraph: a block per week rather than per paper, so a whole term's roster stays one
    /// Slack message (at most 50 blocks) and can be edited in place. Reads the same as separate paragraphs.
    /// </summary>
    private static ReplyBlock.Paragraph Lines(IEnumerable<ReplyBlock.Paragraph> lines) =>
        new([.. lines.SelectMany((line, i) => i == 0 ? line.Spans : [new Span.Text("\n"), .. line.Spans])]);

    private static IEnumerable<ReplyBlock.Paragraph> WeekBlocks(LeadCatalog catalog, CourseWeek week, IReadOnlyList<LeadSignup> signups)
    {
        if (week.Holiday is { } holiday)
        {
            yield return new ReplyBlock.Paragraph(new Span.Text($"{holiday}: no class, no papers to lead."));
            yield break;
        }

        var papers = catalog.InWeek(week.Start);
        if (papers.Count == 0)
        {
            yield return new ReplyBlock.Paragraph(new Span.Text("No papers to lead this week."));
            yield break;
        }

        foreach (var meeting in papers.GroupBy(p => p.Class.Start))
        {
            yield return new ReplyBlock.Paragraph(new Span.Moment(meeting.Key, MomentStyle.Date));
            foreach (var paper in meeting)
            {
                var ofPaper = signups.Where(s => string.Equals(s.PaperKey, paper.Key, StringComparison.OrdinalIgnoreCase)).ToArray();
                yield return new ReplyBlock.Paragraph(new Span.Text("  "), new Span.Text(paper.ShortTitle, Bold: true), new Span.Text($": {Slots(catalog.Policy, ofPaper)}"));
            }
        }
    }
}
