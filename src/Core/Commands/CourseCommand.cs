namespace CourseBot.Core.Commands;

/// <summary>A student's (or admin's) request, parsed from any platform's text or options.</summary>
public abstract record CourseCommand
{
    private protected CourseCommand()
    {
    }

    /// <summary>/reading [week]: the week's topic, dates and papers.</summary>
    public sealed record Reading(WeekQuery? Week) : CourseCommand;

    /// <summary>/required [week]: required papers only.</summary>
    public sealed record Required(WeekQuery? Week) : CourseCommand;

    /// <summary>/paper &lt;query&gt;: one paper in detail.</summary>
    public sealed record Paper(string Query) : CourseCommand;

    /// <summary>/search &lt;words&gt;: the best matching papers.</summary>
    public sealed record Search(string Words) : CourseCommand;

    /// <summary>/schedule: the whole term.</summary>
    public sealed record Schedule : CourseCommand;

    /// <summary>/help.</summary>
    public sealed record Help : CourseCommand;

    /// <summary>/announce [week] [preview]: post (or preview) a week's announcement now. Admin only.</summary>
    public sealed record Announce(WeekQuery? Week, bool Preview) : CourseCommand;

    /// <summary>/reload: reload the reading list. Admin only.</summary>
    public sealed record Reload : CourseCommand;

    /// <summary>
    /// /lead &lt;paper&gt; signs the student up to lead a paper's discussion; /lead drop [paper] withdraws. Needs the
    /// sign-up store: the host answers it, not <see cref="CommandDispatcher"/>.
    /// </summary>
    /// <param name="Paper">A key or words naming the paper; null when none was given.</param>
    public sealed record Lead(string? Paper, bool Drop) : CourseCommand
    {
        // Declared so the parameter's property hides the nested CourseCommand.Paper record.
        public new string? Paper { get; init; } = Paper;
    }

    /// <summary>/leads [week]: the roster; staff: /leads assign|remove &lt;paper&gt; &lt;user&gt;, /leads close|open &lt;week&gt;.</summary>
    /// <param name="Mine">"/leads mine": only the asker's own sign-ups (papers, classes, slides due, waitlist places).</param>
    public sealed record Leads(WeekQuery? Week, LeadsStaffAction? Staff, bool Mine = false) : CourseCommand;

    /// <summary>"/lead-menu 2025-09-08": the "Lead a paper" button of a week's announcement, a menu of its papers with free slots.</summary>
    public sealed record LeadMenu(DateOnly WeekStart) : CourseCommand;

    /// <summary>
    /// /calendar: the links to subscribe to the course's calendar (and, with discussion leads, the asker's own). The
    /// links need the host's public address and the asker's token: the host answers it, not <see cref="CommandDispatcher"/>.
    /// </summary>
    /// <param name="NewAddress">"/calendar new": give the asker a new personal address; the old one stops working.</param>
    public sealed record Calendar(bool NewAddress = false) : CourseCommand;

    /// <summary>A plain question ("which papers are required for Thursday?"), answered by the question reader.</summary>
    public sealed record Question(string Text) : CourseCommand;

    /// <summary>Anything else; <paramref name="Name"/> is what was typed.</summary>
    public sealed record Unknown(string Name) : CourseCommand;
}
