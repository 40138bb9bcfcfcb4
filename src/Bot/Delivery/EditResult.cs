namespace CourseBot.Bot.Delivery;

/// <summary>
/// What a platform said to an edit of a message it holds. Only a definite answer is an
/// <see cref="EditResult"/>; an adapter throws when it cannot tell (and since an edit to the same
/// content can safely be made again, adapters report most "no answer" cases as <see cref="Later"/>).
/// </summary>
public abstract record EditResult
{
    private EditResult()
    {
    }

    /// <summary>The message now shows the new content.</summary>
    public sealed record Edited : EditResult;

    /// <summary>
    /// The message no longer exists (deleted by staff: Discord 10008 Unknown Message, Slack
    /// <c>message_not_found</c> / <c>cant_update_message</c>); no edit can ever succeed.
    /// </summary>
    public sealed record Gone(string Reason) : EditResult;

    /// <summary>Refused for now (rate limited, the platform is unavailable): try again after <see cref="RetryAfter"/> if known.</summary>
    public sealed record Later(TimeSpan? RetryAfter, string Reason) : EditResult;

    /// <summary>Refused for good (no permission, the content cannot be edited into the message): a person must look.</summary>
    public sealed record Refused(string Reason) : EditResult;
}
