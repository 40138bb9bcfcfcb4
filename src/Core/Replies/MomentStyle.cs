namespace CourseBot.Core.Replies;

public enum MomentStyle
{
    /// <summary>"Mon, Sep 8"</summary>
    Date,

    /// <summary>"Mon, Sep 8, 18:00"</summary>
    DateTime,
}
