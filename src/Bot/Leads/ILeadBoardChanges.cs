namespace CourseBot.Bot.Leads;

/// <summary>
/// Told after every change of a course's sign-ups (claim, drop, promotion, assignment, removal, a week
/// closed or reopened, a release), so the roster messages can be brought up to date.
/// </summary>
public interface ILeadBoardChanges
{
    /// <summary>The sign-ups of <paramref name="courseId"/> changed; returns at once (the work runs in the background).</summary>
    void Changed(string courseId);
}
