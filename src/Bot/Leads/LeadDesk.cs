using System.Text.RegularExpressions;
using CourseBot.Bot.Conversation;
using CourseBot.Bot.Scheduling;
using CourseBot.Core;
using CourseBot.Core.Commands;
using CourseBot.Core.Leads;
using CourseBot.Core.Replies;

namespace CourseBot.Bot.Leads;

/// <summary>
/// Where every lead command is answered, for every platform, the console and the CLI: "/lead", "/lead drop",
/// "/leads" (and the staff actions), "/lead-menu". Time and paper rules are Core's (<see cref="LeadRules"/>),
/// counting is the store's (one transaction), the words are <see cref="LeadReplies"/>'. After each change the
/// roster is told (<see cref="ILeadBoardChanges"/>); a student promoted from the waitlist is told privately.
/// </summary>
public sealed partial class LeadDesk(ILeadStore store, ILeadNotifier notifier, ILeadBoardChanges board, TimeProvider time)
{
    /// <summary>Menus and autocompletes show at most this many papers (Discord's limit for both).</summary>
    public const int MenuSize = 25;

    /// <summary>Answers a lead command; refusals are <see cref="Reply.IsError"/> replies.</summary>
    /// <param name="isStaff">The platform says this user may manage the course: assign, remove, close and open.</param>
    public async Task<Reply> AnswerAsync(CourseSnapshot course, LeadStudent student, bool isStaff, CourseCommand command, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (LeadCatalog.For(course) is not { } catalog)
        {
            return CommandDispatcher.Answer(command, course, now);
        }

        return command switch
        {
            CourseCommand.Lead { Drop: true } drop => await DropAsync(catalog, student, drop.Paper, now, ct),
            CourseCommand.Lead { Paper: null or "" } => await FreeMenuAsync(catalog, catalog.Papers, now, "/lead <paper> signs you up; these papers have a free slot:", ct),
            CourseCommand.Lead lead => await ClaimAsync(catalog, student, lead.Paper!, now, ct),
            CourseCommand.LeadMenu menu => await WeekMenuAsync(catalog, menu.WeekStart, now, ct),
            CourseCommand.Leads { Mine: true } => await MineAsync(catalog, student, ct),
            CourseCommand.Leads { Staff: null } leads => await RosterAsync(catalog, leads.Week, now, ct),
            CourseCommand.Leads { Staff: { } staff } when !isStaff => NotStaff(catalog, staff),
            CourseCommand.Leads { Staff: LeadsStaffAction.Incomplete incomplete } => Reply.Problem("Something is missing", $"Write it as {incomplete.Usage}.", course.TimeZone),
            CourseCommand.Leads { Staff: LeadsStaffAction.Assign assign } => await AssignAsync(catalog, student, assign, ct),
            CourseCommand.Leads { Staff: LeadsStaffAction.Remove remove } => await RemoveAsync(catalog, student, remove, ct),
            CourseCommand.Leads { Staff: LeadsStaffAction.Close close } => await CloseAsync(catalog, close.Week, closed: true, now, ct),
            CourseCommand.Leads { Staff: LeadsStaffAction.Open open } => await CloseAsync(catalog, open.Week, closed: false, now, ct),
            _ => throw new ArgumentException("not a lead command; CommandDispatcher.UsesSignups says which are", nameof(command)),
        };
    }

    /// <summary>
    /// Papers for "/lead"'s autocomplete: those with a free slot that take sign-ups now, labelled
    /// "HybridFlow · Week 3 · Tue Sep 9", matching what was typed (title, short title or key).
    /// </summary>
    public async Task<IReadOnlyList<Choice>> CompleteAsync(CourseSnapshot course, string typed, CancellationToken ct)
    {
        if (LeadCatalog.For(course) is not { } catalog)
        {
            return [];
        }

        var words = typed.Trim();
        var free = await FreePapersAsync(catalog, catalog.Papers, time.GetUtcNow(), ct);
        return free
            .Where(p => words.Length == 0 || p.Title.Contains(words, StringComparison.OrdinalIgnoreCase) || p.Key.Contains(words, StringComparison.OrdinalIgnoreCase))
            .Take(MenuSize)
            .Select(p => new Choice(Label(catalog, p), p.Key))
            .ToArray();
    }

    /// <summary>
    /// Labels are at most this long: Slack's limit for a menu option (Discord's is 100). A long title is shortened
    /// here, so the platform's clipping never cuts off the week and class day.
    /// </summary>
    public const int LabelLength = 75;

    /// <summary>"HybridFlow · Week 3 · Tue Sep 9": a paper with its week and class day, at most <see cref="LabelLength"/> characters.</summary>
    public static string Label(LeadCatalog catalog, LeadablePaper paper)
    {
        var when = $" · {WeekLabels.Label(paper.Week)} · {PlainTextRenderer.FormatMoment(new Span.Moment(paper.Class.Start, MomentStyle.Date), catalog.Course.TimeZone)}";
        return Rendering.ReplyLines.Clip(paper.ShortTitle, LabelLength - when.Length) + when;
    }

    /// <summary>Who "&lt;@80351110224678912&gt;", "&lt;@U0123ABCD|ada&gt;" or a raw id names: (platform, id); null for "@name".</summary>
    /// <param name="platform">The asking platform: a raw id is taken to be one of its users.</param>
    public static (string Platform, string UserId)? ParseUser(string typed, string platform)
    {
        var text = typed.Trim();
        var mention = Mention().Match(text);
        if (mention.Success)
        {
            var id = mention.Groups["id"].Value;
            return (id.All(char.IsAsciiDigit) ? "discord" : "slack", id);
        }

        return text.Length == 0 || text.StartsWith('@') ? null : (platform, text);
    }

    private async Task<Reply> ClaimAsync(LeadCatalog catalog, LeadStudent student, string words, DateTimeOffset now, CancellationToken ct)
    {
        var lookup = catalog.Lookup(words);
        if (lookup is LeadLookup.Several several)
        {
            return ChooseMenu(catalog, several.Words, several.Papers);
        }

        if (LeadReplies.ForLookup(catalog, lookup, now) is { } notOne)
        {
            return notOne;
        }

        var paper = ((LeadLookup.Found)lookup).Paper;
        var check = LeadRules.Check(catalog.Policy, paper, now, await store.ClosedWeeksAsync(catalog.Course.Course.Id, ct));
        if (!check.IsOpen)
        {
            return LeadReplies.Refusal(catalog, check);
        }

        var limits = new LeadLimits(catalog.Policy.PerPaper, catalog.Policy.PerStudent, catalog.Policy.Waitlist);
        var claim = await store.ClaimAsync(catalog.Course.Course.Id, paper.Key, student, limits, now, ct);
        if (claim is LeadClaim.Claimed or LeadClaim.Waitlisted)
        {
            board.Changed(catalog.Course.Course.Id);
        }

        return claim switch
        {
            LeadClaim.Claimed => LeadReplies.Claimed(catalog, paper),
            LeadClaim.Waitlisted waitlisted => LeadReplies.Waitlisted(catalog, paper, waitlisted.Position),
            LeadClaim.AlreadyLeading => LeadReplies.AlreadyLeading(catalog, paper),
            LeadClaim.AlreadyWaitlisted already => LeadReplies.AlreadyWaitlisted(catalog, paper, already.Position),
            LeadClaim.Full => LeadReplies.Full(catalog, paper),
            LeadClaim.AtMaximum maximum => LeadReplies.AtMaximum(catalog, maximum.PaperKeys),
            _ => throw new InvalidOperationException($"unknown claim outcome {claim}"),
        };
    }

    private async Task<Reply> DropAsync(LeadCatalog catalog, LeadStudent student, string? words, DateTimeOffset now, CancellationToken ct)
    {
        var courseId = catalog.Course.Course.Id;
        string? key;
        if (words is { Length: > 0 })
        {
            // A paper that left the catalog can still be dropped by its key.
            key = catalog.Lookup(words) is LeadLookup.Found found ? found.Paper.Key : words.Trim();
        }
        else
        {
            var mine = (await store.ListAsync(courseId, ct)).Where(s => IsSame(s.Student, student.Platform, student.UserId)).ToArray();
            key = (mine.FirstOrDefault(s => s.WaitlistPosition is null) ?? mine.FirstOrDefault())?.PaperKey;
            if (key is null)
            {
                return LeadReplies.NotSignedUp(catalog, null);
            }
        }

        if (catalog.Find(key) is { } paper)
        {
            var check = LeadRules.Check(catalog.Policy, paper, now, await store.ClosedWeeksAsync(courseId, ct));
            if (check is LeadCheck.Closed or LeadCheck.ClosedByStaff)
            {
                // Close to the class a lead leaves only through staff, who know whether the slot can still be filled.
                return LeadReplies.DropRefused(catalog, paper, check);
            }

            if (!check.IsOpen)
            {
                return LeadReplies.Refusal(catalog, check);
            }
        }

        var drop = await store.DropAsync(courseId, key, student.Platform, student.UserId, ct);
        if (drop is not LeadDrop.Dropped dropped)
        {
            return LeadReplies.NotSignedUp(catalog, key);
        }

        await AfterDropAsync(catalog, dropped, ct);
        return LeadReplies.Dropped(catalog, dropped.PaperKey);
    }

    /// <summary>"/leads mine": the asker's own sign-ups, leads first, each with its class.</summary>
    private async Task<Reply> MineAsync(LeadCatalog catalog, LeadStudent student, CancellationToken ct)
    {
        var mine = (await store.ListAsync(catalog.Course.Course.Id, ct)).Where(s => IsSame(s.Student, student.Platform, student.UserId)).ToArray();
        return LeadReplies.Mine(catalog, mine);
    }

    private async Task AfterDropAsync(LeadCatalog catalog, LeadDrop.Dropped dropped, CancellationToken ct)
    {
        board.Changed(catalog.Course.Course.Id);
        if (dropped.Promoted is { } promoted && catalog.Find(promoted.PaperKey) is { } paper)
        {
            // Named by the promoted sign-up: told once, however many nodes or retries.
            var slot = $"{paper.Key}/{promoted.SignedUpAt.ToUnixTimeMilliseconds()}";
            await notifier.NotifyOnceAsync(catalog.Course.Course.Id, PostKinds.LeadPromoted, slot, promoted.Student, LeadReplies.Promoted(catalog, paper), ct);
        }
    }

    private async Task<Reply> WeekMenuAsync(LeadCatalog catalog, DateOnly weekStart, DateTimeOffset now, CancellationToken ct)
    {
        var check = LeadRules.CheckWeek(catalog, weekStart, now, await store.ClosedWeeksAsync(catalog.Course.Course.Id, ct));
        if (!check.IsOpen)
        {
            return LeadReplies.Refusal(catalog, check);
        }

        var week = catalog.Course.Calendar.Weeks.First(w => w.Start == weekStart);
        return await FreeMenuAsync(catalog, catalog.InWeek(weekStart), now, $"Papers of {WeekLabels.Label(week)} with a free slot; choose one to lead its discussion:", ct);
    }

    /// <summary>A select of <paramref name="papers"/> that have a free slot and take sign-ups now; a refusal when none has.</summary>
    private async Task<Reply> FreeMenuAsync(LeadCatalog catalog, IReadOnlyList<LeadablePaper> papers, DateTimeOffset now, string intro, CancellationToken ct)
    {
        var free = await FreePapersAsync(catalog, papers, now, ct);
        if (free.Count == 0)
        {
            var offer = catalog.Policy.Waitlist ? " /leads shows the roster; /lead <paper> joins a full paper's waitlist." : " /leads shows the roster.";
            return Reply.Problem("No free slot", $"No paper here has a free slot that takes sign-ups now.{offer}", catalog.Course.TimeZone);
        }

        return new Reply(
            "Lead a paper",
            [new ReplyBlock.Paragraph(new Span.Text(intro)), Menu(catalog, free)],
            catalog.Course.TimeZone);
    }

    private async Task<IReadOnlyList<LeadablePaper>> FreePapersAsync(LeadCatalog catalog, IReadOnlyList<LeadablePaper> papers, DateTimeOffset now, CancellationToken ct)
    {
        var courseId = catalog.Course.Course.Id;
        var closed = await store.ClosedWeeksAsync(courseId, ct);
        var leads = (await store.ListAsync(courseId, ct))
            .Where(s => s.WaitlistPosition is null)
            .GroupBy(s => s.PaperKey, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        return papers
            .Where(p => leads.GetValueOrDefault(p.Key) < catalog.Policy.PerPaper && LeadRules.Check(catalog.Policy, p, now, closed).IsOpen)
            .ToArray();
    }

    /// <summary>Words that fit several papers: <see cref="LeadReplies.Choose"/>'s text, with a menu instead of commands to copy.</summary>
    private static Reply ChooseMenu(LeadCatalog catalog, string words, IReadOnlyList<LeadablePaper> papers)
    {
        var choose = LeadReplies.Choose(catalog, words, papers);
        return choose with { Blocks = [.. choose.Blocks, Menu(catalog, papers)] };
    }

    private static ReplyBlock.Actions Menu(LeadCatalog catalog, IEnumerable<LeadablePaper> papers) =>
        new(new ReplyAction.Select(
            "Choose a paper to lead",
            papers.Take(MenuSize).Select(p => new ReplyOption(Label(catalog, p), p.Title == p.ShortTitle ? null : p.Title, $"/lead {p.Key}")).ToArray()));

    private async Task<Reply> RosterAsync(LeadCatalog catalog, WeekQuery? query, DateTimeOffset now, CancellationToken ct)
    {
        var signups = await store.ListAsync(catalog.Course.Course.Id, ct);
        if (query is null)
        {
            return LeadRoster.Term(catalog, signups);
        }

        return WeekResolver.Resolve(query, catalog.Course.Calendar, now) switch
        {
            WeekAnswer.Found found => LeadRoster.Week(catalog, found.Week.Start, signups),
            WeekAnswer.NotFound notFound => Reply.Problem("No such week", notFound.Message, catalog.Course.TimeZone),
            _ => Reply.Problem("No such week", "That week is outside the term. /leads shows the whole term's roster.", catalog.Course.TimeZone),
        };
    }

    private static Reply NotStaff(LeadCatalog catalog, LeadsStaffAction staff) => Reply.Problem(
        "Not allowed",
        staff is LeadsStaffAction.Close or LeadsStaffAction.Open
            ? "Only course staff can close or reopen sign-ups. /leads shows the roster."
            : "Only course staff can assign or remove leads. /lead <paper> signs you up yourself; /lead drop withdraws.",
        catalog.Course.TimeZone);

    private async Task<Reply> AssignAsync(LeadCatalog catalog, LeadStudent staff, LeadsStaffAction.Assign assign, CancellationToken ct)
    {
        var lookup = catalog.Lookup(assign.Paper);
        if (lookup is not LeadLookup.Found found)
        {
            return LeadReplies.ForLookup(catalog, lookup, time.GetUtcNow()) ?? throw new InvalidOperationException("a lookup that found no paper has an answer");
        }

        if (await StudentAsync(catalog, assign.User, staff.Platform, ct) is not { } student)
        {
            return UnknownUser(catalog, assign.User);
        }

        // Staff are bound by the paper's slots, not by the student's maximum, and never waitlist anyone.
        var limits = new LeadLimits(catalog.Policy.PerPaper, catalog.Policy.PerStudent, Waitlist: false, IgnorePerStudent: true);
        var claim = await store.ClaimAsync(catalog.Course.Course.Id, found.Paper.Key, student, limits, time.GetUtcNow(), ct);
        switch (claim)
        {
            case LeadClaim.Claimed:
                board.Changed(catalog.Course.Course.Id);
                return LeadReplies.Assigned(catalog, found.Paper, student);
            case LeadClaim.AlreadyLeading:
                return Reply.Problem("Already a lead", $"{student.DisplayName} already leads {found.Paper.ShortTitle}.", catalog.Course.TimeZone);
            case LeadClaim.Full or LeadClaim.Waitlisted or LeadClaim.AlreadyWaitlisted or LeadClaim.AtMaximum:
                return Reply.Problem(
                    $"{found.Paper.ShortTitle} is taken",
                    $"Every slot of {found.Paper.ShortTitle} is taken ({catalog.Policy.PerPaper} per paper). Remove a lead first with /leads remove {found.Paper.Key} <user>.",
                    catalog.Course.TimeZone);
            default:
                throw new InvalidOperationException($"unknown claim outcome {claim}");
        }
    }

    private async Task<Reply> RemoveAsync(LeadCatalog catalog, LeadStudent staff, LeadsStaffAction.Remove remove, CancellationToken ct)
    {
        if (await StudentAsync(catalog, remove.User, staff.Platform, ct) is not { } student)
        {
            return UnknownUser(catalog, remove.User);
        }

        var key = catalog.Lookup(remove.Paper) is LeadLookup.Found found ? found.Paper.Key : remove.Paper.Trim();
        var drop = await store.DropAsync(catalog.Course.Course.Id, key, student.Platform, student.UserId, ct);
        if (drop is not LeadDrop.Dropped dropped)
        {
            return Reply.Problem("Not a lead", $"{student.DisplayName} is not signed up to lead {catalog.Find(key)?.ShortTitle ?? key}. /leads shows the roster.", catalog.Course.TimeZone);
        }

        await AfterDropAsync(catalog, dropped, ct);
        return LeadReplies.Removed(catalog, dropped.PaperKey, student);
    }

    private async Task<Reply> CloseAsync(LeadCatalog catalog, WeekQuery query, bool closed, DateTimeOffset now, CancellationToken ct)
    {
        if (WeekResolver.Resolve(query, catalog.Course.Calendar, now) is not WeekAnswer.Found found)
        {
            return Reply.Problem("No such week", "That is not a week of the term. /schedule shows the weeks.", catalog.Course.TimeZone);
        }

        if (await store.SetWeekClosedAsync(catalog.Course.Course.Id, found.Week.Start, closed, now, ct))
        {
            board.Changed(catalog.Course.Course.Id);
        }

        return LeadReplies.WeekClosed(catalog, found.Week.Start, closed);
    }

    /// <summary>The student a staff member names; their display name as they signed up, else the id.</summary>
    private async Task<LeadStudent?> StudentAsync(LeadCatalog catalog, string typed, string platform, CancellationToken ct)
    {
        var signups = await store.ListAsync(catalog.Course.Course.Id, ct);
        if (ParseUser(typed, platform) is not { } user)
        {
            // "@ada": only a name someone signed up with can be told apart.
            var name = typed.Trim().TrimStart('@');
            var named = signups.Select(s => s.Student).Where(s => s.Platform == platform && string.Equals(s.DisplayName, name, StringComparison.OrdinalIgnoreCase)).Distinct().ToArray();
            return named.Length == 1 ? named[0] : null;
        }

        var known = signups.Select(s => s.Student).FirstOrDefault(s => IsSame(s, user.Platform, user.UserId));
        return known ?? new LeadStudent(user.Platform, user.UserId, MentionName(typed) ?? user.UserId);
    }

    private static Reply UnknownUser(LeadCatalog catalog, string typed) => Reply.Problem(
        "Which student?",
        $"\"{typed}\" does not name a student CourseBot can tell apart: mention them (@ and pick the name from the list) or give their user id.",
        catalog.Course.TimeZone);

    /// <summary>The name in a Slack mention "&lt;@U0123ABCD|ada&gt;"; null when it has none.</summary>
    private static string? MentionName(string typed)
    {
        var mention = Mention().Match(typed.Trim());
        return mention.Success && mention.Groups["name"].Success && mention.Groups["name"].Length > 0 ? mention.Groups["name"].Value : null;
    }

    private static bool IsSame(LeadStudent student, string platform, string userId) =>
        student.Platform == platform && student.UserId == userId;

    [GeneratedRegex(@"^<@!?(?<id>[A-Za-z0-9]+)(?:\|(?<name>[^>]*))?>$")]
    private static partial Regex Mention();
}
