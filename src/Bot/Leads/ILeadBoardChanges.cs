namespace CourseBot.Bot.Leads;

/// <summary>
/// Told after every change of a course's sign-ups (claim, drop, promotion, assignment, removal, a week closed or
/// reopened, a paper released), so whatever shows the roster can refresh it. The default does nothing.
/// </summary>
public interface ILeadBoardChanges
{
    /// <summary>The sign-ups of <paramref name="courseId"/> changed; must return quickly (refresh in the background).</summary>
    void Changed(string courseId);
}

/// <summary>The registration when nothing shows a roster: changes are not announced anywhere.</summary>
public sealed class NoLeadBoard : ILeadBoardChanges
{
    public void Changed(string courseId)
    {
        // Nothing shows a roster to refresh.
    }
}
