using CourseBot.Core.Commands;
using CourseBot.Core.Replies;

namespace CourseBot.Core.Leads;

/// <summary>
/// What a student (or staff member) is told about a sign-up: the refusals of <see cref="LeadRules"/>, the store's
/// outcomes, the choices when words fit several papers, and the notice to a student promoted from the waitlist.
/// Every platform, the console and the CLI say the same.
/// </summary>
public static class LeadReplies
{
    private const string StaffHint = "Ask the course staff if you need a change.";

    /// <summary>Why a sign-up was refused before it reached the store.</summary>
    public static Reply Refusal(LeadCatalog catalog, LeadCheck check) => check switch
    {
        LeadCheck.NotOpenYet notYet => Problem(catalog, "Sign-ups are not open yet", Text("Sign-ups to lead a paper open "), When(notYet.Opens), Text(".")),
        LeadCheck.Closed closed => Problem(catalog, "Sign-ups are closed", Text("Sign-ups for "), Bold(closed.Paper.ShortTitle), Text($" ({ClassLabel(catalog, closed.Paper)}) closed "), When(closed.Since), Text($". {StaffHint}")),
        LeadCheck.NotLeadable not => Problem(catalog, "Not a paper to lead", Bold(not.Paper), Text($" cannot be led: {not.Why}. /leads shows the papers you can lead.")),
        LeadCheck.HolidayWeek holiday => Problem(catalog, "No class that week", Text($"The week of {Day(holiday.Week)} is {holiday.Holiday}: no class, so no paper to lead.")),
        LeadCheck.ClosedByStaff staff => Problem(catalog, "Sign-ups are closed", Text($"The course staff closed sign-ups for {staff.WeekLabel} on "), When(staff.Since), Text($". {StaffHint}")),
        LeadCheck.NoPapers none => Problem(catalog, "No paper to lead", Text($"Nothing to sign up for: {none.Why}. /leads shows the papers you can lead.")),
        _ => throw new ArgumentException("an open check is not a refusal", nameof(check)),
    };

    /// <summary>The student now leads <paramref name="paper"/>.</summary>
    public static Reply Claimed(LeadCatalog catalog, LeadablePaper paper) =>
        Answer(catalog, $"You lead {paper.ShortTitle}", [.. YouLead(catalog, paper, "You lead "), Text($" /lead drop {paper.Key} withdraws.")]);

    /// <summary>The paper was full; the student is <paramref name="position"/>. on its waitlist.</summary>
    public static Reply Waitlisted(LeadCatalog catalog, LeadablePaper paper, int position) =>
        Answer(catalog, $"Waitlisted for {paper.ShortTitle}", Text($"{paper.ShortTitle} is full, so you are #{position} on its waitlist (for "), Bold(paper.Title), Text($", {ClassLabel(catalog, paper)}). When a lead drops, the first on the waitlist takes the slot and is told."));

    public static Reply AlreadyLeading(LeadCatalog catalog, LeadablePaper paper) =>
        Answer(catalog, $"You already lead {paper.ShortTitle}", YouLead(catalog, paper, "You already lead "));

    public static Reply AlreadyWaitlisted(LeadCatalog catalog, LeadablePaper paper, int position) =>
        Answer(catalog, $"Already on the waitlist for {paper.ShortTitle}", Text($"You are already #{position} on the waitlist for "), Bold(paper.Title), Text($" ({ClassLabel(catalog, paper)})."));

    /// <summary>Every slot is taken; with the course's waitlist on, the answer offers it.</summary>
    public static Reply Full(LeadCatalog catalog, LeadablePaper paper)
    {
        var slots = Counted.Of(catalog.Policy.PerPaper, "slot");
        var offer = catalog.Policy.Waitlist
            ? $" Join its waitlist with /lead {paper.Key}: when a lead drops, the first on the waitlist takes the slot and is told."
            : " /leads shows the papers with free slots.";
        return Problem(catalog, $"{paper.ShortTitle} is taken", Bold(paper.Title), Text($" ({ClassLabel(catalog, paper)}) is taken: its {slots} {(catalog.Policy.PerPaper == 1 ? "is" : "are")} full.{offer}"));
    }

    /// <summary>The student already leads as many papers as the course allows; <paramref name="paperKeys"/> are theirs.</summary>
    public static Reply AtMaximum(LeadCatalog catalog, IReadOnlyList<string> paperKeys)
    {
        var spans = new List<Span> { Text($"You already lead {Counted.Of(catalog.Policy.PerStudent, "paper")} this term, the most a student may: ") };
        for (var i = 0; i < paperKeys.Count; i++)
        {
            spans.Add(Text(i == 0 ? "" : ", "));
            spans.AddRange(catalog.Find(paperKeys[i]) is { } paper ? [Bold(paper.ShortTitle), Text($" ({ClassLabel(catalog, paper)})")] : [Bold(paperKeys[i])]);
        }

        var drop = paperKeys.Count > 0 ? paperKeys[0] : "<paper>";
        spans.Add(Text($". To lead another, first /lead drop {drop}."));
        return Problem(catalog, "You lead your maximum", [.. spans]);
    }

    /// <summary>The student no longer leads (or waits for) the paper <paramref name="paperKey"/>.</summary>
    public static Reply Dropped(LeadCatalog catalog, string paperKey) =>
        Answer(catalog, "Sign-up withdrawn", Text("You no longer lead "), Bold(TitleOf(catalog, paperKey)), Text("."));

    /// <summary>A drop that found nothing; <paramref name="paperKey"/> is the paper asked about, if any.</summary>
    public static Reply NotSignedUp(LeadCatalog catalog, string? paperKey) => paperKey is null
        ? Problem(catalog, "Not signed up", Text("You are not signed up to lead any paper. /leads shows the roster."))
        : Problem(catalog, "Not signed up", Text("You are not signed up to lead "), Bold(TitleOf(catalog, paperKey)), Text("."));

    /// <summary>
    /// "/leads mine": the student's own sign-ups — each paper they lead with its class and slides deadline, each waitlist
    /// place — or how to sign up when they have none.
    /// </summary>
    public static Reply Mine(LeadCatalog catalog, IReadOnlyList<LeadSignup> mine)
    {
        if (mine.Count == 0)
        {
            return Answer(catalog, "No sign-ups", Text("You have not signed up to lead a paper; /lead <paper> signs you up (/lead alone lists the papers with a free slot)."));
        }

        var blocks = new List<ReplyBlock>();
        foreach (var signup in mine.OrderBy(s => s.WaitlistPosition is null ? 0 : 1).ThenBy(s => catalog.Find(s.PaperKey)?.Class.Start ?? DateTimeOffset.MaxValue))
        {
            var paper = catalog.Find(signup.PaperKey);
            blocks.Add(new ReplyBlock.Paragraph((signup.WaitlistPosition, paper) switch
            {
                (null, { } p) => YouLead(catalog, p, "You lead "),
                ({ } position, { } p) => [Text($"You are #{position} on the waitlist for "), Bold(p.ShortTitle), Text($" ({ClassLabel(catalog, p)}).")],
                // Not a paper to lead any more: the roster's next pass releases it and tells the student.
                _ => [Text("You signed up for "), Bold(TitleOf(catalog, signup.PaperKey)), Text(", which is no longer a paper to lead.")],
            }));
        }

        var first = mine.FirstOrDefault(s => s.WaitlistPosition is null) ?? mine[0];
        blocks.Add(new ReplyBlock.Paragraph(Text($"/lead drop {first.PaperKey} withdraws.")));
        return new Reply("Your sign-ups", blocks, catalog.Course.TimeZone);
    }

    /// <summary>
    /// "/lead drop" once the paper's sign-ups closed: the class is near (or staff closed the week), so a lead leaves only
    /// through staff, who can still remove them (and so promote the waitlist) with /leads remove.
    /// </summary>
    public static Reply DropRefused(LeadCatalog catalog, LeadablePaper paper, LeadCheck check)
    {
        var since = check switch
        {
            LeadCheck.Closed closed => closed.Since,
            LeadCheck.ClosedByStaff staff => staff.Since,
            _ => throw new ArgumentException("only a closed paper refuses a drop", nameof(check)),
        };
        return Problem(
            catalog,
            "Too late to withdraw",
            Text("Sign-ups for "),
            Bold(paper.ShortTitle),
            Text($" ({ClassLabel(catalog, paper)}) closed "),
            When(since),
            Text(check is LeadCheck.ClosedByStaff ? " (the course staff closed the week)" : ""),
            Text($", so you cannot withdraw yourself. If you cannot lead it, ask the course staff: they can remove you with /leads remove {paper.Key} <you>."));
    }

    /// <summary>To the first on the waitlist when a lead dropped: they lead the paper now.</summary>
    public static Reply Promoted(LeadCatalog catalog, LeadablePaper paper) =>
        Answer(catalog, $"You lead {paper.ShortTitle}", [Text("A slot opened and you were first on the waitlist. "), .. YouLead(catalog, paper, "You lead ")]);

    /// <summary>To a lead whose paper left the reading list: their sign-up is released.</summary>
    public static Reply Released(LeadCatalog catalog, string paperKey, string? title) =>
        Answer(catalog, "Your sign-up was released", Text("The paper "), Bold(title ?? paperKey), Text(" you signed up to lead is no longer one students lead (the reading list changed), so your sign-up is released. /leads shows the papers you can lead."));

    /// <summary>Words that fit several papers: each with its class and the command that signs up for it.</summary>
    public static Reply Choose(LeadCatalog catalog, string words, IReadOnlyList<LeadablePaper> papers)
    {
        var blocks = new List<ReplyBlock> { new ReplyBlock.Paragraph(Text($"Several papers you can lead match \"{words}\"; sign up with the command after the one you mean:")) };
        blocks.AddRange(papers.Select(p => (ReplyBlock)new ReplyBlock.Paragraph(Bold(p.ShortTitle), Text($" ({ClassLabel(catalog, p)}): /lead {p.Key}"))));
        return new Reply("Which paper?", blocks, catalog.Course.TimeZone);
    }

    /// <summary>No paper matches the words; the closest papers to lead, if any.</summary>
    public static Reply NothingFound(LeadCatalog catalog, string words, IReadOnlyList<LeadablePaper> closest)
    {
        var blocks = new List<ReplyBlock> { new ReplyBlock.Paragraph(Text($"No paper you can lead matches \"{words}\". /leads shows the papers you can lead.")) };
        blocks.AddRange(closest.Select(p => (ReplyBlock)new ReplyBlock.Paragraph(Text("Did you mean "), Bold(p.ShortTitle), Text($" ({ClassLabel(catalog, p)})? /lead {p.Key}"))));
        return new Reply("No matching paper", blocks, catalog.Course.TimeZone, IsError: true);
    }

    /// <summary>The answer to a lookup that did not find exactly one paper; null when it did (then check and claim).</summary>
    public static Reply? ForLookup(LeadCatalog catalog, LeadLookup lookup, DateTimeOffset now) => lookup switch
    {
        LeadLookup.Found => null,
        LeadLookup.Several several => Choose(catalog, several.Words, several.Papers),
        LeadLookup.NotLeadable => Refusal(catalog, LeadRules.Check(catalog, lookup, now, new Dictionary<DateOnly, DateTimeOffset>())),
        LeadLookup.NothingFound nothing => NothingFound(catalog, nothing.Words, nothing.Closest),
        _ => throw new ArgumentOutOfRangeException(nameof(lookup)),
    };

    /// <summary>Staff assigned <paramref name="student"/> to lead the paper.</summary>
    public static Reply Assigned(LeadCatalog catalog, LeadablePaper paper, LeadStudent student) =>
        Answer(catalog, "Lead assigned", Text($"{student.DisplayName} now leads "), Bold(paper.ShortTitle), Text($" ({ClassLabel(catalog, paper)})."));

    /// <summary>Staff removed <paramref name="student"/> from the paper.</summary>
    public static Reply Removed(LeadCatalog catalog, string paperKey, LeadStudent student) =>
        Answer(catalog, "Lead removed", Text($"{student.DisplayName} no longer leads "), Bold(TitleOf(catalog, paperKey)), Text("."));

    /// <summary>Staff closed (or reopened) sign-ups for the week starting <paramref name="week"/>.</summary>
    public static Reply WeekClosed(LeadCatalog catalog, DateOnly week, bool closed) =>
        Answer(catalog, closed ? "Sign-ups closed" : "Sign-ups reopened", Text(closed
            ? $"Sign-ups for {WeekName(catalog, week)} are closed; students asking are told so. /leads open reopens them."
            : $"Sign-ups for {WeekName(catalog, week)} are open again (each paper still closes at its usual time)."));

    /// <summary>The class that discusses the paper: "Week 3, Tue Sep 9, 12:30".</summary>
    internal static string ClassLabel(LeadCatalog catalog, LeadablePaper paper) =>
        $"{WeekLabels.Label(paper.Week)}, {PlainTextRenderer.FormatMoment(new Span.Moment(paper.Class.Start, MomentStyle.DateTime), catalog.Course.TimeZone)}";

    /// <summary>"You lead *AReaL* on Thu Sep 11, 12:30 (Week 3). Slides are due Wed Sep 10, 17:00."</summary>
    private static Span[] YouLead(LeadCatalog catalog, LeadablePaper paper, string lead)
    {
        var spans = new List<Span> { Text(lead), Bold(paper.ShortTitle), Text(" on "), When(paper.Class.Start), Text($" ({WeekLabels.Label(paper.Week)}).") };
        if (LeadRules.SlidesDueAt(catalog, paper) is { } due)
        {
            spans.AddRange([Text(" Slides are due "), When(due), Text(".")]);
        }

        return [.. spans];
    }

    private static string TitleOf(LeadCatalog catalog, string paperKey) =>
        catalog.Find(paperKey)?.ShortTitle
        ?? (catalog.Course.ReadingList.Papers.TryGetValue(paperKey, out var paper) && paper.Title is { } title ? LeadablePaper.ShortOf(title) : paperKey);

    private static string WeekName(LeadCatalog catalog, DateOnly week) =>
        catalog.Course.Calendar.Weeks.FirstOrDefault(w => w.Start == week) is { } found ? $"{WeekLabels.Label(found)} ({WeekLabels.Dates(found)})" : $"the week of {Day(week)}";

    private static string Day(DateOnly day) => day.ToString("MMM d", System.Globalization.CultureInfo.InvariantCulture);

    private static Reply Answer(LeadCatalog catalog, string title, params Span[] spans) =>
        new(title, [new ReplyBlock.Paragraph(spans)], catalog.Course.TimeZone);

    private static Reply Problem(LeadCatalog catalog, string title, params Span[] spans) =>
        new(title, [new ReplyBlock.Paragraph(spans)], catalog.Course.TimeZone, IsError: true);

    private static Span.Text Text(string text) => new(text);

    private static Span.Text Bold(string text) => new(text, Bold: true);

    private static Span.Moment When(DateTimeOffset at) => new(at, MomentStyle.DateTime);
}
